package io.tfsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages: 2 for usage and configuration mistakes, 1 for runtime failures, no stack traces. */
class CliTest {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void version_prints_to_stdout_and_exits_0() {
        Run run = run("--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("tfsync ");
    }

    @Test
    void an_unknown_command_exits_2_with_a_hint() {
        Run run = run("bogus");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'bogus'").contains("--help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void no_command_exits_2_and_shows_usage() {
        Run run = run();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: tfsync").contains("demo").contains("serve");
    }

    @Test
    void a_port_out_of_range_exits_2() {
        Run run = run("serve", "--port", "70000");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--port 70000");
    }

    @Test
    void a_broken_config_exits_2_naming_file_line_and_key(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tfsync.yaml");
        Files.writeString(config, """
                server:
                  port: 7007
                database:
                  url: "mysql://db/tfsync"
                """);
        Run run = run("serve", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("tfsync.yaml:4:")
                .contains("database.url")
                .doesNotContain("Exception");
    }

    @Test
    void an_unreachable_database_exits_1_without_leaking_the_password(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tfsync.yaml");
        Files.writeString(config, """
                server: { port: 0 }
                database:
                  url: "jdbc:postgresql://127.0.0.1:1/tfsync?connectTimeout=2"
                  user: tfsync
                  password: "hunter2-very-secret"
                """);
        Run run = run("serve", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("127.0.0.1:1").doesNotContain("hunter2").doesNotContain("\tat ");
    }
}
