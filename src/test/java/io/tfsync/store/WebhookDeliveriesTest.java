package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.webhooks.WebhookRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Delivery keys are forgotten after their time, and a delivery sent again after that is new work. */
class WebhookDeliveriesTest {

    private static WebhookRepository.Delivery delivery(String key) {
        return new WebhookRepository.Delivery(
                key, "github", null, null, "push", Optional.empty(), "ignored", Optional.of("test"));
    }

    @Test
    void deliveries_older_than_the_cut_off_are_forgotten_and_the_rest_kept() {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(start);
        try (TestDatabase database = TestDatabases.sqlite()) {
            WebhookRepository deliveries = database.store(now::get).webhookRepository();
            deliveries.store(delivery("github:old"), Optional.empty());
            now.set(start.plus(Duration.ofDays(8)));
            deliveries.store(delivery("github:new"), Optional.empty());

            assertThat(deliveries.forgetDeliveriesBefore(now.get().minus(Duration.ofDays(7))))
                    .isEqualTo(1);
            assertThat(database.queryRows("SELECT dedup_key FROM webhook_deliveries"))
                    .containsExactly(java.util.List.of("github:new"));
            assertThat(deliveries
                            .store(delivery("github:new"), Optional.empty())
                            .duplicate())
                    .isTrue();
            assertThat(deliveries
                            .store(delivery("github:old"), Optional.empty())
                            .duplicate())
                    .isFalse();
        }
    }
}
