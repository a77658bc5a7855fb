package io.tfsync.events;

import io.tfsync.catalog.TenantScope;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A read of the stream: the events after {@code after} (exclusive; 0 reads the retained log from its
 * start) that the scope may see and that match the filters, at most {@code limit} of them.
 *
 * @param kinds entity kinds to keep, any case; empty keeps every kind
 * @param namespace the entity namespace to keep, any case
 */
public record EventQuery(TenantScope scope, long after, int limit, Set<String> kinds, Optional<String> namespace) {

    public EventQuery {
        Objects.requireNonNull(scope, "scope");
        if (after < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + after);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        kinds = kinds.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        namespace = namespace.map(n -> n.toLowerCase(Locale.ROOT));
    }

    public EventQuery after(long offset) {
        return new EventQuery(scope, offset, limit, kinds, namespace);
    }

    /** Whether an event of this kind and namespace (lower-cased) is one the query asks for. */
    public boolean matches(String kind, String eventNamespace) {
        return (kinds.isEmpty() || kinds.contains(kind))
                && namespace.map(eventNamespace::equals).orElse(true);
    }
}
