package io.tfsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tfsync.testing.SeedCatalog;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Backstage's own {@code @backstage/catalog-client} (from npm, pinned in {@code
 * integrations/catalog-client-check}) against a running tfsync: filters, fields, order, cursor paging
 * over 1,000 entities, by-refs, facets and error handling, exactly as a Backstage plugin calls them.
 * Skipped on a machine without Node.js, except in CI where that is a failure.
 */
class CatalogClientCompatibilityTest {

    static final Path CHECK = Path.of("integrations", "catalog-client-check");

    @Test
    void backstage_catalog_client_works_against_tfsync_unchanged() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!available("node") || !available("npm")) {
            if (ci) {
                fail("Node.js and npm are needed for the catalog-client check and are missing in CI");
            }
            assumeTrue(false, "Node.js is not installed; skipping the @backstage/catalog-client check");
        }
        if (!Files.isDirectory(CHECK.resolve("node_modules/@backstage/catalog-client"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertThat(install.exit()).as("npm ci failed:\n" + install.output()).isZero();
        }
        try (TestDatabase db = TestDatabases.sqlite();
                TestApp app = TestApp.start(db.settings(), List.of())) {
            SeedCatalog.load(app.entities(), "acme", 1000);
            Result check = run(List.of("node", "check.mjs", app.baseUrl(), "1000"), 180);
            assertThat(check.exit()).as(check.output()).isZero();
            assertThat(check.output()).contains("0 failed");
        }
    }

    record Result(int exit, String output) {}

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(CHECK.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean available(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
