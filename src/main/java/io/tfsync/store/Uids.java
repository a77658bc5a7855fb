package io.tfsync.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New entity uids: version 7 UUIDs (RFC 9562), 48 bits of the write's time in milliseconds followed
 * by 74 random bits. Still unguessable and unique like version 4, but uids written together sort
 * together, so a change set's rows land at the end of every uid index instead of on random pages
 * all over it; at 100,000 entities that is the difference between appending a few pages and
 * rewriting most of the index on each commit.
 */
final class Uids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uids() {}

    private static final Object LOCK = new Object();
    private static long lastHigh;
    private static long lastLow;

    /**
     * A new uid; within this process, uids of one millisecond are each greater than the one before
     * (the last one's random bits are counted up), so rows written one after another sort in that
     * order even when the clock stands still, as the sync history's newest-first needs.
     */
    static String next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high =
                (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        synchronized (LOCK) {
            boolean sameMillisecond = (high >>> 16) == (lastHigh >>> 16);
            if (sameMillisecond
                    && (Long.compareUnsigned(high, lastHigh) < 0
                            || (high == lastHigh && Long.compareUnsigned(low, lastLow) <= 0))) {
                high = lastHigh;
                low = lastLow + 1;
                if ((low & 0xC000_0000_0000_0000L) != 0x8000_0000_0000_0000L) {
                    // The 62 random bits of low ran over into the variant: carry into high's.
                    high++;
                    low = 0x8000_0000_0000_0000L;
                }
            }
            lastHigh = high;
            lastLow = low;
        }
        return new UUID(high, low).toString();
    }
}
