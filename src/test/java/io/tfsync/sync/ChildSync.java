package io.tfsync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code tfsync sync WORKSPACE --config FILE} in a child JVM on the test classpath, so a test can
 * kill a real sync process (SIGKILL) at a moment it chooses. The child's output goes to a file, so
 * a full pipe never stalls it, and is shown when something goes wrong.
 */
final class ChildSync implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildSync(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ChildSync start(Path config, String workspace, Path output, Map<String, String> env) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.tfsync.Main",
                        "sync",
                        workspace,
                        "--config",
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        try {
            return new ChildSync(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child JVM " + java, e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no rollback, no unlock; the process just stops. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM did not die within 30 s of SIGKILL");
        }
    }

    /** Everything the child printed so far, for failure messages. */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(its output " + output + " cannot be read: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** A configuration file with the given {@code database:} block and one workspace on a state file. */
    static Path writeConfig(Path file, String databaseYaml, String workspace, Path state) {
        String yaml = databaseYaml + """
                workspaces:
                  - id: %s
                    tenant: acme
                    businessUnit: payments
                    owner: team-%s
                    source:
                      type: file
                      path: "%s"
                """.formatted(workspace, workspace, state.toAbsolutePath());
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
