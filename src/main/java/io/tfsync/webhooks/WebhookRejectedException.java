package io.tfsync.webhooks;

/**
 * A delivery refused before anything was stored: {@code status} 401 when its signature does not
 * verify, 403 when it verifies but is about a workspace its token is not for. The message says which,
 * never a token or a signature.
 */
public final class WebhookRejectedException extends RuntimeException {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
