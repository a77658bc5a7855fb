package io.tfsync.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a tfsync configuration file (YAML) into a {@link TfsyncConfig}: replaces {@code ${VAR}} and
 * {@code ${VAR:-default}} in string values from the given environment, fills every omitted key with its
 * default, resolves relative paths against the file's folder, and checks everything.
 *
 * <p>Every problem is reported, not only the first, in one {@link ConfigException} whose lines read
 * {@code tfsync.yaml:14:11: workspaces[1].source.type: unknown source type 'tfx'; expected one of: tfc,
 * file}. Unknown keys are problems. No message holds the value of a key that looks like a secret.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /** Loads {@code file} with the process environment. */
    public static TfsyncConfig load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * Loads {@code file}, taking {@code ${VAR}} values from {@code env}.
     *
     * @throws ConfigException when the file cannot be read or holds any problem
     */
    public static TfsyncConfig load(Path file, Map<String, String> env) {
        Problems problems = new Problems(file);
        String text = read(file, problems);
        problems.throwIfAny();
        Optional<YamlNode> root = new YamlTreeReader(new Interpolator(env), problems).read(text);
        if (root.isEmpty()) {
            // Either a syntax error (reported) or an empty file, which means: every default.
            problems.throwIfAny();
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        TfsyncConfig config = new ConfigBinder(Section.root(root, problems), folder).bind();
        problems.throwIfAny();
        return config;
    }

    private static String read(Path file, Problems problems) {
        try {
            if (Files.isDirectory(file)) {
                problems.addWithoutLocation("is a folder; expected a YAML configuration file");
                return "";
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            problems.addWithoutLocation("no such file; expected a YAML configuration file at "
                    + file.toAbsolutePath().normalize());
        } catch (AccessDeniedException e) {
            problems.addWithoutLocation("cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            problems.addWithoutLocation("is not UTF-8 text; expected a YAML configuration file");
        } catch (IOException e) {
            problems.addWithoutLocation("cannot be read: " + e.getClass().getSimpleName());
        }
        return "";
    }
}
