package io.tfsync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used. The message lists every problem found, one per line, each
 * naming the file, the key, the line and column, what is wrong and what is expected; it never holds the
 * value of a secret. The CLI prints it and exits with code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final transient List<ConfigProblem> problems;

    public ConfigException(Path file, List<ConfigProblem> problems) {
        super(format(problems));
        this.file = Objects.requireNonNull(file, "file");
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
    }

    /** The configuration file, as it was given to the loader. */
    public Path file() {
        return file;
    }

    /** Every problem found, in the order of the file. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}
