package io.tfsync.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tfsync.catalog.EntityRef;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.terraform.ResourceInstance;
import io.tfsync.terraform.StateParser;
import io.tfsync.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file on disk: streamed whatever version was synced last, with a sentence when it is not there. */
class FileStateSourceTest {

    private final FileStateSource source = new FileStateSource();

    private static WorkspaceConfig workspace(Path state) {
        return new WorkspaceConfig(
                "local-state",
                "acme",
                "platform",
                "default",
                EntityRef.parse("group:default/platform"),
                Optional.empty(),
                new SourceConfig.File(state),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void a_state_file_is_streamed_named_by_its_path_whatever_was_synced_last() throws Exception {
        Path file = Corpus.state("blindern__drift__gcp_terraform.tfstate");

        FetchedState fetched = source.fetch(workspace(file), Optional.of(new StateVersion("sv-1", 1)));

        assertThat(fetched).isInstanceOf(FetchedState.Download.class);
        try (var download = (FetchedState.Download) fetched) {
            assertThat(download.version()).isEmpty();
            assertThat(download.runId()).isEmpty();
            assertThat(download.origin()).isEqualTo(file.toString());
            List<ResourceInstance> instances = new ArrayList<>();
            StateParser.parse(download.body(), download.origin(), instances::add);
            assertThat(instances).isNotEmpty();
        }
    }

    @Test
    void a_missing_file_is_not_found_with_its_path_and_workspace(@TempDir Path dir) {
        Path missing = dir.resolve("gone.tfstate");

        var e = catchThrowableOfType(
                StateSourceException.class, () -> source.fetch(workspace(missing), Optional.empty()));

        assertThat(e.kind()).isEqualTo("not_found");
        assertThat(e.getMessage())
                .contains(missing.toString())
                .contains("local-state")
                .contains("does not exist");
    }

    @Test
    void a_folder_is_refused_saying_what_was_expected(@TempDir Path dir) {
        var e = catchThrowableOfType(StateSourceException.class, () -> source.fetch(workspace(dir), Optional.empty()));

        assertThat(e.kind()).isEqualTo("not_found");
        assertThat(e.getMessage())
                .contains(dir.toString())
                .contains("is a folder")
                .contains(".tfstate");
    }
}
