package io.tfsync.sync;

import io.tfsync.catalog.Entity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A source of entities besides Terraform workspaces (a GitHub repository's {@code Component}), synced
 * through the same queue, lock, retries and history as a workspace: its id is the sync target and the
 * entities' owner. A source may also claim workspaces: their resources become a dependency of one of its
 * entities, and a workspace whose claim changes is synced again in the same transaction's wake.
 */
public interface EntitySource {

    /** The sync target's id and the owner of its entities, e.g. {@code github:acme/payments-infra}. */
    String id();

    String tenant();

    /** The namespace its entities go to. */
    String namespace();

    /**
     * Reads what the source holds now.
     *
     * @param version the version the trigger named (a commit), if any; otherwise the latest
     */
    Read read(Optional<String> version) throws Failure, InterruptedException;

    /**
     * What the source holds: its entities, the version read, and the workspaces it claims (workspace id to
     * the ref of the entity whose dependency their resources are).
     */
    record Read(List<Entity> entities, Optional<String> version, Map<String, String> claims) {
        public Read {
            entities = List.copyOf(entities);
            Objects.requireNonNull(version, "version");
            claims = Map.copyOf(claims);
        }
    }

    /** A read that could not finish: one sentence for the user and the error's kind (as a sync's). */
    final class Failure extends Exception {
        private final String kind;

        public Failure(String kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public String kind() {
            return kind;
        }
    }
}
