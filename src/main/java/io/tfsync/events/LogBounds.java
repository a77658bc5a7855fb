package io.tfsync.events;

/**
 * The offsets the log holds now: {@code last} is the highest offset handed out (0 before the first
 * event); {@code floor} is where retention has cut, so a consumer resuming from an offset below it
 * may have missed removals and must start again from a bootstrap.
 */
public record LogBounds(long floor, long last) {}
