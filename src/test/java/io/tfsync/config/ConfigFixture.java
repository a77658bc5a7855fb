package io.tfsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes configuration files for tests and checks the problems reported about them. */
final class ConfigFixture {

    private ConfigFixture() {}

    /** Writes {@code tfsync.yaml} into {@code dir}. */
    static Path write(Path dir, String yaml) {
        try {
            return Files.writeString(dir.resolve("tfsync.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(ConfigFixture.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a file that must fail, and returns the failure. */
    static ConfigException failure(Path file, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, env));
        assertThat(e).as("loading %s should fail", file).isNotNull();
        return e;
    }

    static ConfigException failure(Path dir, String yaml) {
        return failure(write(dir, yaml), Map.of());
    }

    /**
     * The one problem at {@code keyPath}: its position, its words, and its line in the exception's message
     * ({@code <file>:<line>:<column>: <keyPath>: ...}).
     */
    static ConfigProblem problem(ConfigException e, String keyPath, int line, int column, String... words) {
        assertThat(e.problems())
                .as("problems of %s", e.getMessage())
                .filteredOn(p -> p.keyPath().equals(keyPath))
                .hasSize(1);
        ConfigProblem problem = e.problems().stream()
                .filter(p -> p.keyPath().equals(keyPath))
                .findFirst()
                .orElseThrow();
        assertThat(problem.line()).as("line of %s", problem).isEqualTo(line);
        assertThat(problem.column()).as("column of %s", problem).isEqualTo(column);
        assertThat(problem.message()).contains(words);
        String where = e.file() + ":" + line + ":" + column + ": ";
        assertThat(e.getMessage()).contains(keyPath.isEmpty() ? where : where + keyPath + ": ");
        return problem;
    }
}
