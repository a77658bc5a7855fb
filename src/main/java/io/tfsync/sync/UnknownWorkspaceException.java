package io.tfsync.sync;

/** A trigger named a workspace that is not configured. */
public final class UnknownWorkspaceException extends RuntimeException {

    private final String workspace;

    public UnknownWorkspaceException(String workspace) {
        super("no workspace with id '" + workspace + "' is configured");
        this.workspace = workspace;
    }

    public String workspace() {
        return workspace;
    }
}
