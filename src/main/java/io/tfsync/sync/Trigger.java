package io.tfsync.sync;

import java.util.Arrays;
import java.util.Optional;

/** Why a sync ran, as the sync history and the API name it. */
public enum Trigger {
    MANUAL("manual"),
    WEBHOOK("webhook"),
    SCHEDULED("scheduled"),
    DRIFT_RECONCILIATION("drift_reconciliation"),
    CONFIG_CHANGE("config_change"),
    STARTUP("startup"),
    CLI("cli");

    private final String id;

    Trigger(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Trigger> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
