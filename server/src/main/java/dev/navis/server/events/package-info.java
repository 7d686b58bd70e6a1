/**
 * Argo Events inside {@code navis server}: the bus made from the configuration, the event
 * sources and sensors kept in the store and run here, their API and what they did.
 */
package dev.navis.server.events;
