package io.tfsync.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * A reference to an entity, {@code kind:namespace/name}, parsed and printed as Backstage's
 * {@code parseEntityRef} and {@code stringifyEntityRef} do. Refs compare case-insensitively, as
 * Backstage's catalog does; {@link #key()} is the lower-cased form used for storage and lookups.
 */
public record EntityRef(String kind, String namespace, String name) {

    public static final String DEFAULT_NAMESPACE = "default";

    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code kind:namespace/name} or {@code kind:name}; the kind is required. */
    public static EntityRef parse(String ref) {
        return parse(ref, null, DEFAULT_NAMESPACE);
    }

    /**
     * Parses a ref whose kind and namespace may be omitted ({@code name}, {@code ns/name}, {@code
     * kind:name}), falling back to the given defaults, as Backstage does for {@code spec.owner}.
     *
     * @throws InvalidEntityRefException when the text is empty, has empty parts, or lacks a kind and
     *     no default kind is given
     */
    public static EntityRef parse(String ref, String defaultKind, String defaultNamespace) {
        if (ref == null || ref.isBlank()) {
            throw new InvalidEntityRefException(ref, "an entity ref must not be empty");
        }
        String rest = ref;
        String kind = defaultKind;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            kind = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
            if (kind.isEmpty()) {
                throw new InvalidEntityRefException(ref, "the kind before ':' is empty");
            }
        }
        String namespace = defaultNamespace;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            if (namespace.isEmpty()) {
                throw new InvalidEntityRefException(ref, "the namespace before '/' is empty");
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidEntityRefException(ref, "the name is empty");
        }
        if (rest.indexOf(':') >= 0 || rest.indexOf('/') >= 0) {
            throw new InvalidEntityRefException(ref, "expected the form kind:namespace/name");
        }
        if (kind == null) {
            throw new InvalidEntityRefException(ref, "the kind is missing; expected the form kind:namespace/name");
        }
        if (namespace == null) {
            namespace = DEFAULT_NAMESPACE;
        }
        return new EntityRef(kind, namespace, rest);
    }

    /** The lower-cased ref, unique per entity within a tenant. */
    public String key() {
        return toString().toLowerCase(Locale.ROOT);
    }

    /** Backstage's {@code stringifyEntityRef}: kind and namespace lower-cased, the name as written. */
    @Override
    public String toString() {
        return kind.toLowerCase(Locale.ROOT) + ":" + namespace.toLowerCase(Locale.ROOT) + "/" + name;
    }
}
