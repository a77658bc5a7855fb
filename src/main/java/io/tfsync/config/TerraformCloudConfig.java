package io.tfsync.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The Terraform Cloud or Enterprise instance state is read from: its base URL and an API token (required
 * as soon as a workspace reads from it).
 */
public record TerraformCloudConfig(URI baseUrl, Optional<Secret> token) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://app.terraform.io");

    public TerraformCloudConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
    }

    public static TerraformCloudConfig defaults() {
        return new TerraformCloudConfig(DEFAULT_BASE_URL, Optional.empty());
    }
}
