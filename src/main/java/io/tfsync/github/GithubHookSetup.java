package io.tfsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates a repository's webhook to tfsync, or updates the one already pointing at tfsync's URL (so
 * running setup again rotates the secret instead of adding a second hook).
 */
public final class GithubHookSetup {

    /** What setup did: the hook's id and whether it was created (or updated). */
    public record Configured(long id, boolean created) {}

    private final GithubClient client;

    public GithubHookSetup(GithubClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public Configured configure(String repository, URI url, List<String> events, String secret)
            throws GithubClient.GithubException, InterruptedException {
        Optional<Long> existing = Optional.empty();
        for (JsonNode hook : client.hooks(repository)) {
            if (url.toString().equals(hook.path("config").path("url").asText())) {
                existing = Optional.of(hook.path("id").asLong());
                break;
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (existing.isEmpty()) {
            body.put("name", "web");
        }
        body.put("active", true);
        events.forEach(body.putArray("events")::add);
        body.putObject("config")
                .put("url", url.toString())
                .put("content_type", "json")
                .put("insecure_ssl", "0")
                .put("secret", secret);
        JsonNode answer = client.writeHook(repository, existing, body);
        return new Configured(answer.path("id").asLong(existing.orElse(0L)), existing.isEmpty());
    }
}
