package io.tfsync.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub: the API URL (GitHub Enterprise has its own), a token for the API and the secret that signs
 * webhook deliveries ({@code X-Hub-Signature-256}). Without a webhook secret, deliveries are refused.
 */
public record GithubConfig(URI apiUrl, Optional<Secret> token, Optional<Secret> webhookSecret) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");

    public GithubConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
    }

    public static GithubConfig defaults() {
        return new GithubConfig(DEFAULT_API_URL, Optional.empty(), Optional.empty());
    }
}
