package io.tfsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The GitHub webhook events tfsync acts on, read from the {@code X-GitHub-Event} header and the payload
 * as GitHub's "Webhook events and payloads" documentation shows them.
 */
public sealed interface GithubEvent {

    /** Sent when a webhook is created. */
    record Ping(Optional<String> repository, String zen) implements GithubEvent {}

    /**
     * A push: {@code ref} is the pushed ref, {@code after} the commit it now points at, {@code
     * touchesConfig} whether a pushed commit added, modified or removed {@code .backstage/config.yaml} or
     * {@code catalog-info.yaml}.
     */
    record Push(RepositoryInfo repository, String ref, String after, boolean touchesConfig) implements GithubEvent {
        public boolean toDefaultBranch() {
            return ref.equals("refs/heads/" + repository.defaultBranch());
        }
    }

    /** A {@code repository} event; {@code previousName} is set on {@code renamed}. */
    record RepositoryChange(String action, RepositoryInfo repository, Optional<String> previousFullName)
            implements GithubEvent {}

    /** Any other event: acknowledged, nothing done. */
    record Other(String event, Optional<String> action, Optional<String> repository) implements GithubEvent {}

    /** A payload that is not what its event says, with the field at fault. */
    final class InvalidPayloadException extends RuntimeException {
        public InvalidPayloadException(String message) {
            super(message);
        }
    }

    static GithubEvent parse(String event, JsonNode payload) {
        if (event == null || event.isBlank()) {
            throw new InvalidPayloadException("the X-GitHub-Event header is missing");
        }
        if (!payload.isObject()) {
            throw new InvalidPayloadException("the body must be a JSON object");
        }
        try {
            return switch (event) {
                case "ping" ->
                    new Ping(repositoryName(payload), payload.path("zen").asText(""));
                case "push" -> push(payload);
                case "repository" -> repositoryChange(payload);
                default ->
                    new Other(event, Optional.ofNullable(payload.path("action").textValue()), repositoryName(payload));
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("the " + event + " payload is invalid: " + e.getMessage());
        }
    }

    private static Push push(JsonNode payload) {
        RepositoryInfo repository = RepositoryInfo.from(payload.path("repository"));
        String ref = payload.path("ref").asText("");
        String after = payload.path("after").asText("");
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("ref is missing");
        }
        if (!after.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("after must be a 40-character commit sha");
        }
        boolean touches = false;
        for (JsonNode commit : payload.path("commits")) {
            for (String list : new String[] {"added", "modified", "removed"}) {
                for (JsonNode path : commit.path(list)) {
                    touches |= isConfigPath(path.asText());
                }
            }
        }
        return new Push(repository, ref, after, touches);
    }

    private static RepositoryChange repositoryChange(JsonNode payload) {
        String action = payload.path("action").asText("");
        if (action.isEmpty()) {
            throw new IllegalArgumentException("action is missing");
        }
        RepositoryInfo repository = RepositoryInfo.from(payload.path("repository"));
        Optional<String> previous = Optional.ofNullable(payload.path("changes")
                        .path("repository")
                        .path("name")
                        .path("from")
                        .textValue())
                .map(name ->
                        repository.fullName().substring(0, repository.fullName().indexOf('/') + 1) + name);
        return new RepositoryChange(action, repository, previous);
    }

    private static Optional<String> repositoryName(JsonNode payload) {
        return Optional.ofNullable(payload.path("repository").path("full_name").textValue());
    }

    static boolean isConfigPath(String path) {
        return path.equals(RepositoryConfig.CONFIG_PATH) || path.equals(RepositoryConfig.CATALOG_INFO_PATH);
    }
}
