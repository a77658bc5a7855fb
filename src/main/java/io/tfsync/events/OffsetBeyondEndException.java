package io.tfsync.events;

/** A read from an offset the log has not reached: a consumer's mistake, never a wait. */
public final class OffsetBeyondEndException extends RuntimeException {

    private final long lastOffset;

    public OffsetBeyondEndException(long offset, long lastOffset) {
        super("offset " + offset + " is beyond the end of the event log; the last offset is " + lastOffset);
        this.lastOffset = lastOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }
}
