package io.tfsync.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * A reference to an entity, {@code kind:namespace/name}, parsed and printed as Backstage's
 * {@code parseEntityRef} and {@code stringifyEntityRef} do.
 *
 * <p>The parts keep the case they were written in; the string form ({@link #toString()}, which is
 * also {@link #key()}) lower-cases all three, as Backstage's canonical ref does, so refs compare
 * case-insensitively by their string form.
 */
public record EntityRef(String kind, String namespace, String name) {

    public static final String DEFAULT_NAMESPACE = "default";

    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses {@code kind:namespace/name} or {@code kind:name} (namespace {@code default}); the kind
     * is required.
     *
     * @throws InvalidEntityRefException as {@link #parse(String, String, String)} does
     */
    public static EntityRef parse(String ref) {
        return parse(ref, null, DEFAULT_NAMESPACE);
    }

    /**
     * Parses {@code [kind:][namespace/]name}, filling in the given defaults for omitted parts, as
     * Backstage does for {@code spec.owner} (default kind {@code Group}, default namespace the
     * entity's own).
     *
     * <p>As in Backstage, the first {@code :} ends the kind unless a {@code /} comes before it, and
     * the first {@code /} ends the namespace; the rest is the name, which may itself contain {@code
     * :} or {@code /} ({@code a:b:c} is kind {@code a}, name {@code b:c}). A null or empty default
     * namespace means {@code default}; a null or empty default kind means none.
     *
     * @throws InvalidEntityRefException when the text is null or empty, a written part is empty
     *     ({@code :b/c}, {@code a:/c}, {@code a:b/}), or there is no kind and no default kind
     */
    public static EntityRef parse(String ref, String defaultKind, String defaultNamespace) {
        if (ref == null || ref.isEmpty()) {
            throw new InvalidEntityRefException(ref, "an entity ref must not be empty");
        }
        int colon = ref.indexOf(':');
        int slash = ref.indexOf('/');
        if (slash >= 0 && slash < colon) {
            colon = -1;
        }
        String kind = colon < 0 ? null : ref.substring(0, colon);
        String namespace = slash < 0 ? null : ref.substring(colon + 1, slash);
        String name = ref.substring(Math.max(colon + 1, slash + 1));
        if ("".equals(kind) || "".equals(namespace) || name.isEmpty()) {
            throw new InvalidEntityRefException(ref, "it is not of the form [<kind>:][<namespace>/]<name>");
        }
        if (kind == null) {
            kind = defaultKind;
        }
        if (namespace == null) {
            namespace = defaultNamespace == null || defaultNamespace.isEmpty() ? DEFAULT_NAMESPACE : defaultNamespace;
        }
        if (kind == null || kind.isEmpty()) {
            throw new InvalidEntityRefException(
                    ref, "the kind is missing (it did not start with \"component:\" or similar)");
        }
        return new EntityRef(kind, namespace, name);
    }

    /** The lower-cased ref, unique per entity within a tenant; the same as {@link #toString()}. */
    public String key() {
        return toString();
    }

    /**
     * Backstage's {@code stringifyEntityRef}: {@code kind:namespace/name} with all three parts
     * lower-cased. This is the form of {@code relations[].targetRef} and of stored refs.
     */
    @Override
    public String toString() {
        return kind.toLowerCase(Locale.ROOT) + ":" + namespace.toLowerCase(Locale.ROOT) + "/"
                + name.toLowerCase(Locale.ROOT);
    }

    /** Whether both refs name the same entity, ignoring case as Backstage's catalog does. */
    public boolean sameEntityAs(EntityRef other) {
        return other != null && key().equals(other.key());
    }
}
