package io.tfsync.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Where a workspace's Terraform state comes from: {@code type: tfc} or {@code type: file}. */
public sealed interface SourceConfig permits SourceConfig.Tfc, SourceConfig.File {

    /** The {@code type} as written in the configuration. */
    String type();

    /** Where the state is, for messages: {@code tfc:org/workspace} or the file's path. */
    String describe();

    /** The source as written in the configuration, {@code type} first, for the API and the database. */
    default Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("type", type());
        switch (this) {
            case Tfc tfc -> {
                settings.put("organization", tfc.organization());
                settings.put("workspace", tfc.workspace());
            }
            case File file -> settings.put("path", file.path().toString());
        }
        return settings;
    }

    /** A Terraform Cloud/Enterprise workspace, on the instance of {@link TerraformCloudConfig}. */
    record Tfc(String organization, String workspace) implements SourceConfig {
        public Tfc {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(workspace, "workspace");
        }

        @Override
        public String type() {
            return "tfc";
        }

        @Override
        public String describe() {
            return "tfc:" + organization + "/" + workspace;
        }
    }

    /**
     * A state file (or a folder of them) on disk; {@code path} is absolute, resolved against the
     * configuration file's folder when it was written relative.
     */
    record File(Path path) implements SourceConfig {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String type() {
            return "file";
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }
}
