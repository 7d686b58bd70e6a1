/**
 * The http executor: runs Argo's http templates as requests made from this process, with
 * {@link java.net.http.HttpClient} on virtual threads.
 *
 * <p>A node's result ({@code outputs.result}) is the response body, its last 256 KiB. Its phase
 * comes from the template's {@code successCondition}, an expr-lang expression over
 * {@code response.statusCode}, {@code response.body} and {@code response.headers} (a map from
 * header name to its list of values), or, without one, from the status code being 2xx. A request
 * that could not be made (bad url, connection refused) ends the node in {@code Error}; one that
 * outlives {@code timeoutSeconds} (30 by default) ends it {@code Failed}. Nothing is kept on
 * disk: a request cut off by a restart cannot be re-attached and is reported as interrupted.
 */
package dev.navis.executor.http;
