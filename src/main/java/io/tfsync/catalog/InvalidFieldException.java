package io.tfsync.catalog;

/**
 * A {@code fields} entry that is not a path into an entity: empty parts, array brackets, or a first
 * part that is not one of an entity's root fields.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFieldException(String field, String reason) {
        super("Invalid field '" + field + "': " + reason);
        this.field = field;
    }

    /** The field as it was given. */
    public String field() {
        return field;
    }
}
