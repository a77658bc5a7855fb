package io.tfsync.sync;

/** Two sources claim one workspace; the second one's sync writes nothing. */
public final class ClaimConflictException extends RuntimeException {
    public ClaimConflictException(String workspace, String claimedBy, String heldBy) {
        super("workspace " + workspace + " is claimed by " + claimedBy + " but already belongs to " + heldBy
                + "; a workspace can belong to one source only");
    }
}
