package io.tfsync.events;

import java.util.Locale;

/** What happened to an entity: the three event types of the stream, named as on the wire. */
public enum EventType {
    ADDED,
    UPDATED,
    REMOVED;

    /** The name on the wire and in the log: {@code added}, {@code updated}, {@code removed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
