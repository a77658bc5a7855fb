package io.tfsync.client;

/** The service answered something a consumer cannot go on from; the message says what and where. */
public class EventStreamException extends RuntimeException {

    public EventStreamException(String message) {
        super(message);
    }

    public EventStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
