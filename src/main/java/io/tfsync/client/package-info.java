/**
 * A small Java client of tfsync's HTTP API: {@link io.tfsync.client.EventStreamClient} bootstraps from
 * the entity list and follows the event stream, as a consumer such as {@code tfsync events tail} or a
 * Backstage module would.
 */
package io.tfsync.client;
