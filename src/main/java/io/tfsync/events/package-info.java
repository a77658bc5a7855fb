/**
 * The catalog event stream (Backstage RFC #8219, made real): every change to an entity is an event
 * written in the transaction that makes the change, with an offset handed out in commit order.
 * {@link io.tfsync.events.EventStream} reads pages of the log and holds a long poll until a matching
 * event commits, woken by {@link io.tfsync.events.EventSignal}; {@link io.tfsync.events.EventRetention}
 * keeps the log within its configured age and size.
 */
package io.tfsync.events;
