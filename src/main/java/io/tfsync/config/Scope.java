package io.tfsync.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a bearer token may do; written in the configuration as {@code catalog.read} and so on. */
public enum Scope {
    /** Read the catalog API. */
    CATALOG_READ("catalog.read"),
    /** Read the event stream. */
    EVENTS_READ("events.read"),
    /** Trigger syncs and drift checks. */
    SYNC_WRITE("sync.write"),
    /** Operator actions (setup, administration). */
    ADMIN("admin");

    private final String id;

    Scope(String id) {
        this.id = id;
    }

    /** The name used in the configuration file. */
    public String id() {
        return id;
    }

    public static Optional<Scope> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** {@code catalog.read, events.read, sync.write, admin}, for messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(Scope::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
