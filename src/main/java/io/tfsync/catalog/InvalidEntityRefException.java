package io.tfsync.catalog;

/** A text that does not parse as an entity ref; the message says what is wrong with it. */
public final class InvalidEntityRefException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String ref;
    private final String reason;

    public InvalidEntityRefException(String ref, String reason) {
        super("Invalid entity ref '" + ref + "': " + reason);
        this.ref = ref;
        this.reason = reason;
    }

    /** The text that did not parse (may be null). */
    public String ref() {
        return ref;
    }

    /** What is wrong with it, without the ref itself. */
    public String reason() {
        return reason;
    }
}
