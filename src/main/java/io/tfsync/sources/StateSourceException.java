package io.tfsync.sources;

/**
 * A workspace's state could not be had. The message is one sentence for a user, naming the
 * workspace and the cause; it never holds a token or a signed download URL. {@link #kind()} is a
 * short stable word for metrics ({@code not_found}, {@code unauthorized}, {@code rate_limited},
 * {@code unavailable}, {@code timeout}, {@code io}, {@code not_ready}).
 */
public final class StateSourceException extends Exception {

    private final String kind;

    public StateSourceException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StateSourceException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
