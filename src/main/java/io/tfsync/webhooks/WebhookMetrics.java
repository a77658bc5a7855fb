package io.tfsync.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * {@code tfsync_webhook_deliveries_total{source, trigger, outcome}}, counted by every receiver. A trigger
 * outside {@code known} is counted as {@code other}, so a sender cannot grow the metric's label values.
 */
public final class WebhookMetrics {

    private WebhookMetrics() {}

    public static void count(MeterRegistry meters, String source, Set<String> known, String trigger, String outcome) {
        Counter.builder("tfsync.webhook.deliveries")
                .description("Webhook deliveries received, by source, trigger and what they did")
                .tag("source", source)
                .tag("trigger", known.contains(trigger) ? trigger : "other")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
