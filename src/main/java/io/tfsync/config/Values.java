package io.tfsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the value types that recur in the file (URLs, names, durations, cron, enums) from a {@link
 * Section}, reporting a located problem and returning empty when a value is given but wrong.
 */
final class Values {

    /** Backstage's rule for names and label values: at most 63 characters, alphanumeric at both ends. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    /** Backstage's rule for namespaces: a DNS label, lower case. */
    static final Pattern NAMESPACE = Pattern.compile("(?=.{1,63}$)[a-z0-9]+(-+[a-z0-9]+)*");

    static final String NAME_RULE =
            "at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    static final String NAMESPACE_RULE = "a DNS label: at most 63 lower-case letters, digits and '-'";

    private Values() {}

    /** An absolute http(s) URL with a host; empty when absent or wrong (reported). */
    static Optional<URI> httpUrl(Section section, String key, String example) {
        return section.scalar(key, "a URL").flatMap(scalar -> httpUrl(section, key, scalar, example));
    }

    static Optional<URI> httpUrl(Section section, String key, YamlNode.Scalar scalar, String example) {
        String text = scalar.text().trim();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        section.problems()
                .add(
                        section.pathOf(key),
                        scalar,
                        "expected an absolute http(s) URL such as " + example + ", got " + Section.show(key, text));
        return Optional.empty();
    }

    /** A name that obeys {@link #NAME}; empty when absent or wrong (reported). */
    static Optional<String> name(Section section, String key, YamlNode.Scalar scalar, String what) {
        if (NAME.matcher(scalar.text()).matches()) {
            return Optional.of(scalar.text());
        }
        section.problems()
                .add(
                        section.pathOf(key),
                        scalar,
                        Section.show(key, scalar.text()) + " is not a valid " + what + "; expected " + NAME_RULE);
        return Optional.empty();
    }

    /** Milliseconds, as the sync design writes timeouts and delays. */
    static Duration millis(Section section, String key, Duration defaultValue) {
        return Duration.ofMillis(section.integer(key, defaultValue.toMillis(), 1, Integer.MAX_VALUE));
    }

    /** An ISO-8601 duration such as {@code P30D} or {@code PT12H}. */
    static Duration isoDuration(Section section, String key, Duration defaultValue) {
        Optional<YamlNode.Scalar> given = section.scalar(key, "an ISO-8601 duration");
        if (given.isEmpty()) {
            return defaultValue;
        }
        String text = given.get().text().trim();
        try {
            Duration value = Duration.parse(text);
            if (!value.isNegative() && !value.isZero()) {
                return value;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        section.problems()
                .add(
                        section.pathOf(key),
                        given.get(),
                        "expected a positive ISO-8601 duration such as P30D"
                                + " or PT12H (days, hours, minutes, seconds), got " + Section.show(key, text));
        return defaultValue;
    }

    /** A 5-field cron expression, kept as written. */
    static Optional<String> cron(Section section, String key) {
        return section.scalar(key, "a cron expression").flatMap(scalar -> {
            String text = scalar.text().trim();
            Optional<String> wrong = Cron.problem(text);
            if (wrong.isPresent()) {
                section.problems()
                        .add(section.pathOf(key), scalar, "invalid cron expression '" + text + "': " + wrong.get());
                return Optional.empty();
            }
            return Optional.of(text);
        });
    }

    /** One of an enum's constants, written in lower case in the file. */
    static <E extends Enum<E>> E oneOf(Section section, String key, Class<E> type, E defaultValue, String what) {
        Optional<YamlNode.Scalar> given = section.scalar(key, what);
        if (given.isEmpty()) {
            return defaultValue;
        }
        String text = given.get().text().trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        String expected = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        section.problems()
                .add(
                        section.pathOf(key),
                        given.get(),
                        "unknown " + what + " " + Section.show(key, text) + "; expected one of: " + expected);
        return defaultValue;
    }

    /** A secret: never echoed; blank means absent. */
    static Optional<Secret> secret(Section section, String key) {
        return section.scalar(key, "a string").map(s -> new Secret(s.text()));
    }
}
