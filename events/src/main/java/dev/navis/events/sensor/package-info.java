/**
 * A sensor's logic, pure and unit-tested: dependency filters, trigger conditions and the state
 * they are met against, trigger parameters, the gjson-like paths and the Go template subset
 * ({@link dev.navis.events.sensor.GoTemplate}) they use, and the sensor check.
 */
package dev.navis.events.sensor;
