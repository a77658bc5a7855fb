package io.tfsync.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Terraform and OpenTofu states of {@code ../shared/corpus/tfstate} (or {@code
 * TFSYNC_CORPUS}), loaded by file name; they are read where they lie, never copied or edited. Without
 * the folder a test is skipped with the reason, except with {@code CI=true}, where that fails.
 */
public final class Corpus {

    private Corpus() {}

    public static Path folder() {
        String configured = System.getenv("TFSYNC_CORPUS");
        Path folder = configured != null ? Path.of(configured) : Path.of("..", "shared", "corpus", "tfstate");
        if (!Files.isDirectory(folder)) {
            String reason = "the state corpus is not at "
                    + folder.toAbsolutePath().normalize() + "; set TFSYNC_CORPUS to its folder";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        return folder;
    }

    public static Path state(String fileName) {
        return folder().resolve(fileName);
    }
}
