package io.tfsync.sources;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/** What {@link StateSource#fetch} found. */
public sealed interface FetchedState {

    /** The current state is the version the last sync saw; nothing was downloaded. */
    record Unchanged(StateVersion version) implements FetchedState {
        public Unchanged {
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The state to parse, as a stream the caller reads once and closes.
     *
     * @param version the version as the source named it before the download, if it can
     * @param runId the Terraform Cloud run that wrote this state, if known
     * @param origin where it came from, for messages (a path, or {@code tfc:org/workspace}); never a
     *     signed URL
     */
    record Download(Optional<StateVersion> version, Optional<String> runId, String origin, InputStream body)
            implements FetchedState, AutoCloseable {
        public Download {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
