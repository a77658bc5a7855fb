package io.tfsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository as GitHub describes it, in the API's {@code GET /repos/{owner}/{repo}} answer and in
 * every webhook payload's {@code repository} object (the same shape).
 */
public record RepositoryInfo(
        String fullName,
        String htmlUrl,
        String defaultBranch,
        Optional<String> description,
        Optional<String> homepage,
        List<String> topics,
        boolean archived) {

    public RepositoryInfo {
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(htmlUrl, "htmlUrl");
        Objects.requireNonNull(defaultBranch, "defaultBranch");
        topics = List.copyOf(topics);
    }

    /** The repository's name without its owner. */
    public String name() {
        return fullName.substring(fullName.indexOf('/') + 1);
    }

    /**
     * Reads GitHub's repository object.
     *
     * @throws IllegalArgumentException naming the field that is missing
     */
    public static RepositoryInfo from(JsonNode repository) {
        if (!repository.isObject()) {
            throw new IllegalArgumentException("repository must be an object");
        }
        String fullName = required(repository, "full_name");
        if (!fullName.contains("/")) {
            throw new IllegalArgumentException("repository.full_name must be OWNER/NAME");
        }
        List<String> topics = new ArrayList<>();
        repository.path("topics").forEach(topic -> topics.add(topic.asText()));
        return new RepositoryInfo(
                fullName,
                required(repository, "html_url"),
                repository.path("default_branch").asText("main"),
                optional(repository, "description"),
                optional(repository, "homepage"),
                topics,
                repository.path("archived").asBoolean(false));
    }

    private static String required(JsonNode repository, String field) {
        JsonNode value = repository.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("repository." + field + " is missing");
        }
        return value.asText();
    }

    private static Optional<String> optional(JsonNode repository, String field) {
        JsonNode value = repository.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
