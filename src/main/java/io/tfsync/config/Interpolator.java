package io.tfsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a string value, as a shell does: the default is
 * used when the variable is unset or empty; <code>$${</code> is a literal <code>${</code>. An unset variable
 * without a default becomes empty and is remembered, so that the caller can say where an empty or broken
 * value came from. Messages never quote the text being expanded: it may be a secret.
 */
final class Interpolator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    Interpolator(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /**
     * The expanded text; {@code emptyReferences} describes each reference that gave nothing, e.g.
     * {@code ${TFC_TOKEN}, which is not set}; {@code interpolated} says the text held any reference.
     */
    record Result(String value, List<String> emptyReferences, boolean interpolated) {}

    /** A reference that cannot be expanded; the message says what is wrong, without the text. */
    static final class InterpolationException extends Exception {
        private static final long serialVersionUID = 1L;

        InterpolationException(String message) {
            super(message);
        }
    }

    Result expand(String text) throws InterpolationException {
        if (text.indexOf('$') < 0) {
            return new Result(text, List.of(), false);
        }
        StringBuilder out = new StringBuilder(text.length());
        List<String> unset = new ArrayList<>();
        boolean interpolated = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                interpolated = true;
            } else if (c == '$' && text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new InterpolationException("'${' at character " + (i + 1)
                            + " has no closing '}'; write ${NAME} or ${NAME:-default}, or $${ for a literal ${");
                }
                String body = text.substring(i + 2, close);
                int dash = body.indexOf(":-");
                String name = dash < 0 ? body : body.substring(0, dash);
                if (!NAME.matcher(name).matches()) {
                    throw new InterpolationException("the reference at character " + (i + 1)
                            + " is not ${NAME} or ${NAME:-default} (a NAME is letters, digits and _)");
                }
                String value = env.get(name);
                if (value == null || value.isEmpty()) {
                    String why = "${" + name + "}, which " + (value == null ? "is not set" : "is empty");
                    if (dash >= 0) {
                        value = body.substring(dash + 2);
                    } else {
                        value = "";
                        if (!unset.contains(why)) {
                            unset.add(why);
                        }
                    }
                }
                out.append(value);
                i = close + 1;
                interpolated = true;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Result(out.toString(), unset, interpolated);
    }
}
