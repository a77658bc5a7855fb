package io.tfsync.store;

/**
 * The database could not be opened or used. Messages name the database by its URL with any password
 * removed, never a credential.
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
