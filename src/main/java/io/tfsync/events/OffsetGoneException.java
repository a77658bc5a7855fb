package io.tfsync.events;

/** A read from an offset retention has already removed events after: the consumer must re-bootstrap. */
public final class OffsetGoneException extends RuntimeException {

    private final long earliestOffset;

    public OffsetGoneException(long offset, long earliestOffset) {
        super("offset " + offset + " is older than the retained event log, which continues from offset "
                + earliestOffset + "; list the entities again and follow from the offset that list gives");
        this.earliestOffset = earliestOffset;
    }

    /** The lowest offset a consumer may continue from. */
    public long earliestOffset() {
        return earliestOffset;
    }
}
