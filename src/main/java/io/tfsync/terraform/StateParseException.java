package io.tfsync.terraform;

/**
 * A state could not be read. The message names the input and the line and column where reading
 * stopped; it never quotes a value from the state, since states hold secrets.
 */
public final class StateParseException extends Exception {

    private final long line;
    private final long column;

    public StateParseException(String message, long line, long column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line where reading stopped, or -1 if unknown. */
    public long line() {
        return line;
    }

    /** The 1-based column where reading stopped, or -1 if unknown. */
    public long column() {
        return column;
    }
}
