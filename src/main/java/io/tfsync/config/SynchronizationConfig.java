package io.tfsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code synchronization:} block of the sync design (section 7), with its meaning: which webhook
 * receivers are on, the cron schedules, drift detection, retries and Slack notifications. Its keys are
 * written in snake_case in the file, as in the design. Defaults are the design's values.
 */
public record SynchronizationConfig(
        Webhooks webhooks, Scheduled scheduled, Drift drift, Retry retry, Notifications notifications) {

    public SynchronizationConfig {
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(scheduled, "scheduled");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(notifications, "notifications");
    }

    /** The design's values: every mechanism on, 6-hourly syncs, 12-hourly drift checks, 3 attempts. */
    public static SynchronizationConfig defaults() {
        return new SynchronizationConfig(
                new Webhooks(
                        new TfcWebhook(true, Optional.empty(), TfcWebhook.DEFAULT_TIMEOUT),
                        new GithubWebhook(true, Optional.empty(), GithubWebhook.KNOWN_EVENTS)),
                new Scheduled(true, Scheduled.DEFAULT_SCHEDULE, Scheduled.DEFAULT_MAX_CONCURRENT),
                new Drift(true, true, Drift.DEFAULT_CHECK_INTERVAL),
                new Retry(Retry.DEFAULT_MAX_ATTEMPTS, Backoff.EXPONENTIAL, Retry.DEFAULT_BASE_DELAY),
                new Notifications(Slack.defaults()));
    }

    /** The webhook receivers. */
    public record Webhooks(TfcWebhook tfc, GithubWebhook github) {
        public Webhooks {
            Objects.requireNonNull(tfc, "tfc");
            Objects.requireNonNull(github, "github");
        }
    }

    /**
     * The Terraform Cloud notification receiver ({@code POST /api/sync/tfc-webhook}). {@code url} is the
     * address given to Terraform Cloud by {@code tfsync setup tfc-webhook} (default: the server's base URL
     * plus the receiver's path); {@code timeout} bounds the handling of one delivery: one that cannot be
     * stored within it is answered 503, so the sender retries.
     */
    public record TfcWebhook(boolean enabled, Optional<URI> url, Duration timeout) {
        public static final String PATH = "/api/sync/tfc-webhook";
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);

        public TfcWebhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
        }

        public URI effectiveUrl(ServerConfig server) {
            return url.orElseGet(() -> join(server.baseUrl(), PATH));
        }
    }

    /**
     * The GitHub webhook receiver ({@code POST /api/sync/github-webhook}); {@code events} are the events
     * {@code tfsync setup github-webhook} subscribes to ({@code push}, {@code repository}).
     */
    public record GithubWebhook(boolean enabled, Optional<URI> url, List<String> events) {
        public static final String PATH = "/api/sync/github-webhook";
        public static final List<String> KNOWN_EVENTS = List.of("push", "repository");

        public GithubWebhook {
            Objects.requireNonNull(url, "url");
            events = List.copyOf(events);
        }

        public URI effectiveUrl(ServerConfig server) {
            return url.orElseGet(() -> join(server.baseUrl(), PATH));
        }
    }

    /**
     * Scheduled syncs: when enabled, every workspace syncs on its own {@code schedule} or on
     * {@code defaultSchedule} (5-field cron); at most {@code maxConcurrent} scheduled syncs run at once
     * across the whole cluster.
     */
    public record Scheduled(boolean enabled, String defaultSchedule, int maxConcurrent) {
        public static final String DEFAULT_SCHEDULE = "0 */6 * * *";
        public static final int DEFAULT_MAX_CONCURRENT = 5;

        public Scheduled {
            Objects.requireNonNull(defaultSchedule, "defaultSchedule");
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("max_concurrent must be at least 1");
            }
        }
    }

    /**
     * Drift detection: when enabled, every workspace is checked on {@code checkInterval} (5-field cron);
     * with {@code autoReconcile}, drift found starts a sync (trigger {@code drift_reconciliation}).
     */
    public record Drift(boolean detectionEnabled, boolean autoReconcile, String checkInterval) {
        public static final String DEFAULT_CHECK_INTERVAL = "0 */12 * * *";

        public Drift {
            Objects.requireNonNull(checkInterval, "checkInterval");
        }
    }

    /** How the delay between attempts grows. */
    public enum Backoff {
        /** base, 2 x base, 4 x base, ... */
        EXPONENTIAL,
        /** base every time */
        FIXED,
        /** base, 2 x base, 3 x base, ... */
        LINEAR;

        /** The name used in the configuration file. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A failed sync is tried {@code maxAttempts} times in all, waiting {@code baseDelay} grown by
     * {@code backoff} between attempts.
     */
    public record Retry(int maxAttempts, Backoff backoff, Duration baseDelay) {
        public static final int DEFAULT_MAX_ATTEMPTS = 3;
        public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(2000);

        public Retry {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(baseDelay, "baseDelay");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max_attempts must be at least 1");
            }
        }

        /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
        public Duration delayAfter(int attempt) {
            int n = Math.max(attempt, 1);
            return switch (backoff) {
                case FIXED -> baseDelay;
                case LINEAR -> baseDelay.multipliedBy(n);
                case EXPONENTIAL -> baseDelay.multipliedBy(1L << Math.min(n - 1, 30));
            };
        }
    }

    public record Notifications(Slack slack) {
        public Notifications {
            Objects.requireNonNull(slack, "slack");
        }
    }

    /**
     * Slack notifications on failed syncs and on drift. tfsync posts with a bot {@code token}
     * ({@code chat.postMessage} to {@code channel} at {@code apiUrl}) or to an incoming {@code webhookUrl}
     * (the channel is then the webhook's). Enabled without either, there is nowhere to post: see
     * {@link #active()}.
     */
    public record Slack(
            boolean enabled,
            String channel,
            boolean notifyOnFailure,
            boolean notifyOnDrift,
            Optional<Secret> webhookUrl,
            Optional<Secret> token,
            URI apiUrl) {
        public static final String DEFAULT_CHANNEL = "#backstage-sync";
        public static final URI DEFAULT_API_URL = URI.create("https://slack.com/api");

        public Slack {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(webhookUrl, "webhookUrl");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(apiUrl, "apiUrl");
        }

        public static Slack defaults() {
            return new Slack(true, DEFAULT_CHANNEL, true, true, Optional.empty(), Optional.empty(), DEFAULT_API_URL);
        }

        /** Enabled and given somewhere to post. */
        public boolean active() {
            return enabled && (webhookUrl.isPresent() || token.isPresent());
        }
    }

    private static URI join(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
