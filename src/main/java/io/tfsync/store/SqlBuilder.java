package io.tfsync.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * A statement assembled from fixed SQL text and bound values. Every value goes through {@link #bind},
 * which returns a generated parameter name; user input never becomes SQL text.
 */
final class SqlBuilder {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> binds = new LinkedHashMap<>();

    SqlBuilder append(String sql) {
        text.append(sql);
        return this;
    }

    /** Registers a (non-null) value and returns its placeholder, e.g. {@code :p3}. */
    String bind(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("bind IS NULL in the SQL text instead of a null value");
        }
        String name = "p" + binds.size();
        binds.put(name, value);
        return ":" + name;
    }

    /** Placeholders for every value, comma-separated, for an {@code IN (...)} list. */
    String bindAll(Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        StringJoiner joined = new StringJoiner(", ");
        values.forEach(value -> joined.add(bind(value)));
        return joined.toString();
    }

    String sql() {
        return text.toString();
    }

    Query query(Handle handle) {
        return handle.createQuery(sql()).bindMap(binds);
    }

    Update update(Handle handle) {
        return handle.createUpdate(sql()).bindMap(binds);
    }

    @Override
    public String toString() {
        return sql();
    }
}
