package io.tfsync.cli;

/** The command was called wrongly; exits 2 with this message. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
