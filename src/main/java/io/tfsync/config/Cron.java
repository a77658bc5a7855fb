package io.tfsync.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that a text is a 5-field cron expression (minute, hour, day of month, month, day of week), as
 * written in the sync design: {@code *}, numbers, ranges {@code a-b}, lists {@code a,b}, steps {@code
 * /n}, month and day names, {@code ?} in the day fields. It only checks; the schedules themselves are
 * computed by the job scheduler.
 */
final class Cron {

    static final String FORM = "5 fields: minute hour day-of-month month day-of-week, e.g. \"0 */6 * * *\"";

    private record Field(String name, int min, int max, List<String> names, boolean question) {}

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of(), false),
            new Field("hour", 0, 23, List.of(), false),
            new Field("day-of-month", 1, 31, List.of(), true),
            new Field("month", 1, 12, MONTHS, false),
            new Field("day-of-week", 0, 7, DAYS, true));

    private Cron() {}

    /** What is wrong with {@code expression}, or empty when it is a valid 5-field cron expression. */
    static Optional<String> problem(String expression) {
        String trimmed = expression.trim();
        if (trimmed.startsWith("@")) {
            return Optional.of("macros such as @daily are not supported; expected " + FORM);
        }
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (parts.length != FIELDS.size()) {
            return Optional.of(
                    "expected " + FORM + "; found " + parts.length + " field" + (parts.length == 1 ? "" : "s"));
        }
        for (int i = 0; i < parts.length; i++) {
            Optional<String> wrong = fieldProblem(FIELDS.get(i), parts[i]);
            if (wrong.isPresent()) {
                return wrong;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fieldProblem(Field field, String text) {
        for (String item : text.split(",", -1)) {
            if (!validItem(field, item)) {
                return Optional.of("the " + field.name() + " field '" + text + "' is not valid; expected *, a value "
                        + field.min() + "-" + field.max()
                        + (field.names().isEmpty()
                                ? ""
                                : " or a name such as " + field.names().get(0))
                        + ", a range a-b, a step */n or a list a,b");
            }
        }
        return Optional.empty();
    }

    private static boolean validItem(Field field, String item) {
        String base = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            base = item.substring(0, slash);
            Integer step = number(item.substring(slash + 1));
            if (step == null || step < 1 || step > field.max()) {
                return false;
            }
        }
        if (base.equals("*")) {
            return true;
        }
        if (base.equals("?")) {
            return field.question() && slash < 0;
        }
        int dash = base.indexOf('-');
        if (dash < 0) {
            return value(field, base) != null;
        }
        Integer from = value(field, base.substring(0, dash));
        Integer to = value(field, base.substring(dash + 1));
        return from != null && to != null && from <= to;
    }

    private static Integer value(Field field, String text) {
        int named = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + (field.min() == 1 ? 1 : 0);
        }
        Integer n = number(text);
        return n != null && n >= field.min() && n <= field.max() ? n : null;
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
