package io.tfsync.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the sync design's {@code synchronization:} block, with its snake_case keys, into {@link
 * SynchronizationConfig}; an omitted key takes the design's value.
 */
final class SynchronizationBinder {

    SynchronizationConfig bind(Section section) {
        SynchronizationConfig defaults = SynchronizationConfig.defaults();
        Section webhooks = section.section("webhooks");
        SynchronizationConfig.Webhooks hooks =
                new SynchronizationConfig.Webhooks(tfc(webhooks.section("tfc")), github(webhooks.section("github")));
        webhooks.rejectUnknownKeys();

        Section scheduled = section.section("scheduled");
        SynchronizationConfig.Scheduled schedule = new SynchronizationConfig.Scheduled(
                scheduled.bool("enabled", defaults.scheduled().enabled()),
                Values.cron(scheduled, "default_schedule")
                        .orElse(defaults.scheduled().defaultSchedule()),
                (int) scheduled.integer("max_concurrent", defaults.scheduled().maxConcurrent(), 1, 1000));
        scheduled.rejectUnknownKeys();

        Section drift = section.section("drift");
        SynchronizationConfig.Drift driftConfig = new SynchronizationConfig.Drift(
                drift.bool("detection_enabled", defaults.drift().detectionEnabled()),
                drift.bool("auto_reconcile", defaults.drift().autoReconcile()),
                Values.cron(drift, "check_interval").orElse(defaults.drift().checkInterval()));
        drift.rejectUnknownKeys();

        Section retry = section.section("retry");
        SynchronizationConfig.Retry retryConfig = new SynchronizationConfig.Retry(
                (int) retry.integer("max_attempts", defaults.retry().maxAttempts(), 1, 100),
                Values.oneOf(
                        retry,
                        "backoff",
                        SynchronizationConfig.Backoff.class,
                        defaults.retry().backoff(),
                        "backoff"),
                Values.millis(retry, "base_delay", defaults.retry().baseDelay()));
        retry.rejectUnknownKeys();

        Section notifications = section.section("notifications");
        SynchronizationConfig.Notifications notify =
                new SynchronizationConfig.Notifications(slack(notifications.section("slack")));
        notifications.rejectUnknownKeys();
        section.rejectUnknownKeys();
        return new SynchronizationConfig(hooks, schedule, driftConfig, retryConfig, notify);
    }

    private static SynchronizationConfig.TfcWebhook tfc(Section s) {
        boolean enabled = s.bool("enabled", true);
        Optional<URI> url = webhookUrl(s, enabled);
        var timeout = Values.millis(s, "timeout", SynchronizationConfig.TfcWebhook.DEFAULT_TIMEOUT);
        s.rejectUnknownKeys();
        return new SynchronizationConfig.TfcWebhook(enabled, url, timeout);
    }

    private static SynchronizationConfig.GithubWebhook github(Section s) {
        boolean enabled = s.bool("enabled", true);
        Optional<URI> url = webhookUrl(s, enabled);
        List<String> events = new ArrayList<>();
        Optional<YamlNode> given = s.node("events");
        List<YamlNode> items = s.list("events");
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String text = item instanceof YamlNode.Scalar scalar ? scalar.text().trim() : "";
            if (SynchronizationConfig.GithubWebhook.KNOWN_EVENTS.contains(text)) {
                if (!events.contains(text)) {
                    events.add(text);
                }
            } else {
                String got = item instanceof YamlNode.Scalar ? "'" + text + "'" : item.describe();
                s.problems()
                        .add(
                                KeyPaths.index(s.pathOf("events"), i),
                                item,
                                "unknown or unhandled GitHub event "
                                        + got + "; expected one of: "
                                        + String.join(", ", SynchronizationConfig.GithubWebhook.KNOWN_EVENTS));
            }
        }
        if (given.isEmpty() || (given.get() instanceof YamlNode.Scalar scalar && scalar.isBlank())) {
            events.addAll(SynchronizationConfig.GithubWebhook.KNOWN_EVENTS);
        } else if (items.isEmpty() && given.get() instanceof YamlNode.Sequence && enabled) {
            s.problems()
                    .add(
                            s.pathOf("events"),
                            given.get(),
                            "an enabled GitHub webhook needs at least one event;" + " expected some of: "
                                    + String.join(", ", SynchronizationConfig.GithubWebhook.KNOWN_EVENTS));
        }
        s.rejectUnknownKeys();
        return new SynchronizationConfig.GithubWebhook(enabled, url, events);
    }

    /** The public URL of a receiver; it only has to be valid when the receiver is enabled. */
    private static Optional<URI> webhookUrl(Section s, boolean enabled) {
        Optional<YamlNode.Scalar> given = s.scalar("url", "a URL");
        if (given.isEmpty() || !enabled) {
            return Optional.empty();
        }
        return Values.httpUrl(s, "url", given.get(), "https://tfsync.example.com/api/sync/...");
    }

    private static SynchronizationConfig.Slack slack(Section s) {
        SynchronizationConfig.Slack defaults = SynchronizationConfig.Slack.defaults();
        boolean enabled = s.bool("enabled", defaults.enabled());
        String channel = s.string("channel", defaults.channel()).trim();
        boolean onFailure = s.bool("notify_on_failure", defaults.notifyOnFailure());
        boolean onDrift = s.bool("notify_on_drift", defaults.notifyOnDrift());
        Optional<Secret> webhookUrl = s.scalar("webhook_url", "a Slack incoming webhook URL")
                .flatMap(scalar -> {
                    Optional<URI> checked =
                            Values.httpUrl(s, "webhook_url", scalar, "https://hooks.slack.com/services/...");
                    return checked.map(uri -> new Secret(scalar.text().trim()));
                });
        Optional<Secret> token = Values.secret(s, "token");
        URI apiUrl = Values.httpUrl(s, "api_url", "https://slack.com/api").orElse(defaults.apiUrl());
        s.rejectUnknownKeys();
        return new SynchronizationConfig.Slack(enabled, channel, onFailure, onDrift, webhookUrl, token, apiUrl);
    }
}
