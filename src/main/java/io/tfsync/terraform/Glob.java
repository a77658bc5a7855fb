package io.tfsync.terraform;

import java.util.regex.Pattern;

/**
 * A glob over names: {@code *} any run of characters, {@code ?} one character, the rest literal.
 * Globs are equal when their text is.
 */
public record Glob(String text, Pattern pattern) {

    public static Glob of(String text) {
        var regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(regex.toString()));
    }

    public boolean matches(String value) {
        return pattern.matcher(value).matches();
    }

    /** Matches a provider by its type name ({@code aws}) or its whole source. */
    public boolean matchesProvider(String source) {
        return matches(source) || matches(source.substring(source.lastIndexOf('/') + 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
