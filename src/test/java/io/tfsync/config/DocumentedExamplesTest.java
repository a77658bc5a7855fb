package io.tfsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration examples in README.md and docs/configuration.md load as they are written. */
class DocumentedExamplesTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Map<String, String> ENV = Map.of(
            "TFC_TOKEN", "t",
            "GITHUB_WEBHOOK_SECRET", "s",
            "BACKSTAGE_URL", "https://tfsync.acme.io",
            "TFSYNC_SECRET_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    @TempDir
    Path dir;

    @Test
    void the_readme_example_is_the_committed_example_and_loads() throws IOException {
        List<String> blocks = yamlBlocks(Path.of("README.md"));
        String example = Files.readString(Path.of("examples/tfsync.yaml"));
        String withoutComments = example.lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.replaceAll("\\s+#.*$", ""))
                .reduce("", (a, b) -> a + b + "\n")
                .strip();
        String readme = blocks.get(0)
                .lines()
                .map(line -> line.replaceAll("\\s+#.*$", ""))
                .reduce("", (a, b) -> a + b + "\n")
                .strip();
        assertThat(readme).isEqualTo(withoutComments.replaceAll("\\n{3,}", "\n\n"));
        assertThat(load(blocks.get(0)).workspaces()).hasSize(1);
    }

    @Test
    void every_complete_example_in_the_configuration_guide_loads() throws IOException {
        List<String> blocks = yamlBlocks(Path.of("docs/configuration.md"));
        List<String> loadable = blocks.stream()
                .filter(b -> b.startsWith("server:") || b.startsWith("synchronization:") || b.startsWith("auth:"))
                .toList();
        assertThat(loadable).hasSizeGreaterThanOrEqualTo(2);
        for (String block : loadable) {
            if (block.startsWith("auth:")) {
                block = block.replace("\"<hex>\"", "\"" + "ab".repeat(32) + "\"");
            }
            assertThat(load(block)).isNotNull();
        }
    }

    private TfsyncConfig load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("states"));
        Files.writeString(dir.resolve("states/network.tfstate"), "{\"version\": 4}");
        return ConfigLoader.load(ConfigFixture.write(dir, yaml), ENV);
    }

    private static List<String> yamlBlocks(Path markdown) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(Files.readString(markdown));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
