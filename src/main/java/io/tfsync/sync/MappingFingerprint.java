package io.tfsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfsync.catalog.CanonicalJson;
import io.tfsync.config.WorkspaceConfig;

/**
 * A digest of everything besides the state that shapes a workspace's entities: the workspace's
 * settings, the mapping rules and the mapper's own version. When it changes, the same state maps to
 * other entities, so a sync may not skip the download even if the state version is the one it saw.
 */
final class MappingFingerprint {

    /** Bump when the mapper's output changes for the same input. */
    static final String MAPPER_VERSION = "1";

    private MappingFingerprint() {}

    static String of(
            WorkspaceConfig workspace,
            JsonNode mapping,
            java.util.Optional<String> claim,
            java.util.Optional<String> drift) {
        String text = String.join(
                "\n",
                MAPPER_VERSION,
                workspace.id(),
                workspace.tenant(),
                workspace.businessUnit(),
                workspace.namespace(),
                workspace.owner().toString(),
                workspace.system().map(Object::toString).orElse(""),
                CanonicalJson.write(mapping));
        // Unclaimed, undrifted workspaces keep the fingerprints they had before either existed.
        String marked = text
                + claim.map(ref -> "\nclaimed by " + ref).orElse("")
                + drift.map(d -> "\ndrift " + d).orElse("");
        return CanonicalJson.hash(marked);
    }
}
