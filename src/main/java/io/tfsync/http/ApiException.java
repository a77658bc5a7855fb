package io.tfsync.http;

/**
 * A client-facing failure with its HTTP status and the Backstage error name ({@code InputError},
 * {@code NotFoundError}, ...). The message is shown to the caller, so it must say what was wrong and
 * where, and never carry a secret.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorName;

    public ApiException(int status, String errorName, String message) {
        super(message);
        this.status = status;
        this.errorName = errorName;
    }

    public int status() {
        return status;
    }

    public String errorName() {
        return errorName;
    }

    /** 400: a parameter or body the caller sent is wrong. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "InputError", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFoundError", message);
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(401, "AuthenticationError", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "NotAllowedError", message);
    }
}
