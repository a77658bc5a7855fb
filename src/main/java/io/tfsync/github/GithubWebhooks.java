package io.tfsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tfsync.config.Secret;
import io.tfsync.sync.Trigger;
import io.tfsync.webhooks.SecretBox;
import io.tfsync.webhooks.Signatures;
import io.tfsync.webhooks.WebhookMetrics;
import io.tfsync.webhooks.WebhookRejectedException;
import io.tfsync.webhooks.WebhookRepository;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives GitHub webhook deliveries: checks {@code X-Hub-Signature-256} against {@code
 * github.webhookSecret} and every stored repository secret before reading a byte of JSON, then acts. A
 * push to a repository's default branch that touches {@code .backstage/config.yaml} or {@code
 * catalog-info.yaml}, a {@code repository} event that changes what the component shows ({@code edited},
 * {@code renamed}, {@code archived}, {@code unarchived}) and a {@code ping} each queue a sync of the
 * repository's component, stored with the delivery in one transaction (once per {@code
 * X-GitHub-Delivery}); anything else is acknowledged.
 */
public final class GithubWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(GithubWebhooks.class);
    static final String KIND = "github";
    static final Set<String> REPOSITORY_ACTIONS = Set.of("edited", "renamed", "archived", "unarchived");
    private static final Set<String> KNOWN_EVENTS = Set.of("ping", "push", "repository");

    /** What a delivery did: {@code sync_queued} (with the sync) or {@code ignored} (with why). */
    public record Outcome(
            String event,
            String outcome,
            Optional<String> repository,
            Optional<String> syncId,
            Optional<String> detail,
            boolean duplicate) {}

    private final WebhookRepository repository;
    private final Optional<SecretBox> box;
    private final Optional<Secret> sharedSecret;
    private final Map<String, RepositorySource> sources;
    private final Consumer<String> startSync;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    /**
     * @param sharedSecret {@code github.webhookSecret}, good for any configured repository
     * @param sources the configured repositories
     * @param startSync told the source id after a sync was queued and committed, to start it here
     */
    public GithubWebhooks(
            WebhookRepository repository,
            Optional<SecretBox> box,
            Optional<Secret> sharedSecret,
            List<RepositorySource> sources,
            Consumer<String> startSync,
            ObjectMapper json,
            MeterRegistry meters) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.box = Objects.requireNonNull(box, "box");
        this.sharedSecret = Objects.requireNonNull(sharedSecret, "sharedSecret");
        this.sources = sources.stream().collect(Collectors.toUnmodifiableMap(s -> key(s.repository()), s -> s));
        this.startSync = Objects.requireNonNull(startSync, "startSync");
        this.json = Objects.requireNonNull(json, "json");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /**
     * Handles one delivery.
     *
     * @throws WebhookRejectedException 401 or 403, with nothing stored
     * @throws GithubEvent.InvalidPayloadException a verified body that is not what its event says
     */
    public Outcome receive(String event, String deliveryId, byte[] body, String signature) {
        Optional<String> signer = signer(body, signature);
        if (deliveryId == null || deliveryId.isBlank()) {
            throw new GithubEvent.InvalidPayloadException("the X-GitHub-Delivery header is missing");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (IOException e) {
            throw new GithubEvent.InvalidPayloadException("the body is not JSON");
        }
        GithubEvent parsed = GithubEvent.parse(event, payload);
        Optional<String> named = switch (parsed) {
            case GithubEvent.Ping ping -> ping.repository();
            case GithubEvent.Push push -> Optional.of(push.repository().fullName());
            case GithubEvent.RepositoryChange change ->
                Optional.of(change.repository().fullName());
            case GithubEvent.Other other -> other.repository();
        };
        signer.ifPresent(scope -> {
            boolean own = named.map(n -> key(n).equals(key(scope))).orElse(false)
                    || (parsed instanceof GithubEvent.RepositoryChange change
                            && change.previousFullName()
                                    .map(p -> key(p).equals(key(scope)))
                                    .orElse(false));
            if (!own) {
                throw new WebhookRejectedException(
                        403,
                        "the delivery is about " + named.orElse("no repository") + " but is signed with the secret of "
                                + scope);
            }
        });
        return act(deliveryId, parsed);
    }

    /** The repository whose secret signed the body, or empty for the shared secret; constant-time per secret. */
    private Optional<String> signer(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            throw rejected("the delivery has no X-Hub-Signature-256 header");
        }
        if (!header.startsWith("sha256=")) {
            throw rejected("X-Hub-Signature-256 must be sha256= and the hex HMAC-SHA256 of the body");
        }
        String signature = header.substring("sha256=".length());
        List<WebhookRepository.StoredToken> stored = box.isPresent() ? repository.tokens(KIND) : List.of();
        if (sharedSecret.isEmpty() && stored.isEmpty()) {
            throw rejected("no GitHub webhook secret is configured (github.webhookSecret) or stored"
                    + " (tfsync setup github-webhook OWNER/REPO)");
        }
        boolean shared = sharedSecret
                .map(secret -> Signatures.matches(Signatures.GITHUB, secret.value(), body, signature))
                .orElse(false);
        String matched = null;
        for (WebhookRepository.StoredToken token : stored) {
            Optional<String> secret = box.get().tryOpen(token.scope(), token.sealed());
            // Every secret is tried, match or not, so the time taken says nothing about which one matched.
            boolean match = secret.map(s -> Signatures.matches(Signatures.GITHUB, s, body, signature))
                    .orElse(false);
            if (match && matched == null) {
                matched = token.scope();
            }
        }
        if (shared) {
            return Optional.empty();
        }
        if (matched == null) {
            throw rejected("the X-Hub-Signature-256 does not match the body under any configured or stored secret");
        }
        return Optional.of(matched);
    }

    private WebhookRejectedException rejected(String why) {
        count("unknown", "rejected");
        return new WebhookRejectedException(401, why);
    }

    private Outcome act(String deliveryId, GithubEvent event) {
        return switch (event) {
            case GithubEvent.Ping ping ->
                ping.repository()
                        .flatMap(this::source)
                        .map(source -> queue(deliveryId, "ping", source, Optional.empty(), "webhook created"))
                        .orElseGet(() -> ignore(deliveryId, "ping", ping.repository(), "pong"));
            case GithubEvent.Push push -> push(deliveryId, push);
            case GithubEvent.RepositoryChange change -> {
                Optional<RepositorySource> source = source(change.repository().fullName())
                        .or(() -> change.previousFullName().flatMap(this::source));
                if (source.isEmpty()) {
                    yield ignore(
                            deliveryId,
                            "repository",
                            Optional.of(change.repository().fullName()),
                            notConfigured());
                }
                if (!REPOSITORY_ACTIONS.contains(change.action())) {
                    yield ignore(
                            deliveryId,
                            "repository",
                            Optional.of(source.get().repository()),
                            "action " + change.action() + " changes nothing the component shows");
                }
                yield queue(deliveryId, "repository", source.get(), Optional.empty(), "repository " + change.action());
            }
            case GithubEvent.Other other ->
                ignore(deliveryId, other.event(), other.repository(), "tfsync acts on push and repository events only");
        };
    }

    private Outcome push(String deliveryId, GithubEvent.Push push) {
        Optional<RepositorySource> source = source(push.repository().fullName());
        Optional<String> name = Optional.of(push.repository().fullName());
        if (source.isEmpty()) {
            return ignore(deliveryId, "push", name, notConfigured());
        }
        if (!push.toDefaultBranch()) {
            return ignore(
                    deliveryId,
                    "push",
                    name,
                    "a push to " + push.ref() + ", not to the default branch "
                            + push.repository().defaultBranch());
        }
        if (!push.touchesConfig()) {
            return ignore(
                    deliveryId,
                    "push",
                    name,
                    "no pushed commit changes " + RepositoryConfig.CONFIG_PATH + " or "
                            + RepositoryConfig.CATALOG_INFO_PATH);
        }
        return queue(deliveryId, "push", source.get(), Optional.of(push.after()), "push of " + push.after());
    }

    private Outcome queue(
            String deliveryId, String event, RepositorySource source, Optional<String> commit, String detail) {
        WebhookRepository.Stored stored = repository.store(
                new WebhookRepository.Delivery(
                        KIND + ":" + deliveryId,
                        KIND,
                        source.id(),
                        source.tenant(),
                        event,
                        commit,
                        "sync_queued",
                        Optional.of(detail)),
                Optional.of(new WebhookRepository.SyncRequest(source.id(), source.tenant(), Trigger.WEBHOOK, commit)));
        if (!stored.duplicate()) {
            LOG.info(
                    "GitHub {} delivery {} for {} ({}): queued sync {}",
                    event,
                    deliveryId,
                    source.repository(),
                    detail,
                    stored.syncId().orElse("?"));
            startSync.accept(source.id());
        }
        count(event, stored.duplicate() ? "duplicate" : "sync_queued");
        return new Outcome(
                event,
                "sync_queued",
                Optional.of(source.repository()),
                stored.syncId(),
                Optional.of(detail),
                stored.duplicate());
    }

    private Outcome ignore(String deliveryId, String event, Optional<String> repositoryName, String why) {
        WebhookRepository.Stored stored = repository.store(
                new WebhookRepository.Delivery(
                        KIND + ":" + deliveryId,
                        KIND,
                        null,
                        null,
                        event,
                        Optional.empty(),
                        "ignored",
                        Optional.of(why)),
                Optional.empty());
        count(event, stored.duplicate() ? "duplicate" : "ignored");
        return new Outcome(event, "ignored", repositoryName, Optional.empty(), Optional.of(why), stored.duplicate());
    }

    private static String notConfigured() {
        return "no configured workspace names this repository (workspaces[].repository)";
    }

    private Optional<RepositorySource> source(String fullName) {
        return Optional.ofNullable(sources.get(key(fullName)));
    }

    /** GitHub's names are case-insensitive. */
    private static String key(String fullName) {
        return fullName.toLowerCase(Locale.ROOT);
    }

    private void count(String event, String outcome) {
        WebhookMetrics.count(meters, KIND, KNOWN_EVENTS, event, outcome);
    }
}
