package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UidsTest {

    @Test
    void a_uid_is_a_version_7_uuid_carrying_the_time() {
        long millis = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();

        UUID uid = UUID.fromString(Uids.next(millis));

        assertThat(uid.version()).isEqualTo(7);
        assertThat(uid.variant()).isEqualTo(2);
        assertThat(uid.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void uids_of_the_same_millisecond_differ_and_later_ones_sort_after_earlier_ones() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Uids.next(1_000L))).isTrue();
        }

        assertThat(Uids.next(2_000L)).isGreaterThan(Uids.next(1_999L));
        assertThat(Uids.next(1L << 40)).isGreaterThan(Uids.next((1L << 40) - 1));
    }
}
