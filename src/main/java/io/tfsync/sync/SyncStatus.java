package io.tfsync.sync;

import java.util.Arrays;
import java.util.Optional;

/** Where a sync is: waiting for its workspace, running, or finished one way or the other. */
public enum SyncStatus {
    QUEUED("queued"),
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String id;

    SyncStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }

    public static Optional<SyncStatus> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
