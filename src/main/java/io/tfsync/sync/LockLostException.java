package io.tfsync.sync;

/**
 * The instance running a sync lost its workspace's lock before committing (its lease ran out, say
 * after a long pause, and another instance took over). The sync's writes were rolled back.
 */
public final class LockLostException extends RuntimeException {
    public LockLostException(String workspace, String holder) {
        super("the lock on workspace " + workspace + " was no longer held by " + holder
                + " when its sync tried to commit, so nothing was written");
    }
}
