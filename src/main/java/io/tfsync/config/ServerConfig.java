package io.tfsync.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where the HTTP server listens and the URL it is reached at from outside ({@code baseUrl}: links,
 * webhook URLs given to Terraform Cloud and GitHub). Port 0 asks for any free port.
 */
public record ServerConfig(int port, String host, URI baseUrl) {

    public static final int DEFAULT_PORT = 7007;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** The default server: 127.0.0.1:7007, reached at http://localhost:7007. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_PORT, DEFAULT_HOST, defaultBaseUrl(DEFAULT_HOST, DEFAULT_PORT));
    }

    /**
     * The URL used when {@code baseUrl} is not configured: {@code http://localhost:<port>} for a loopback or
     * wildcard host, else {@code http://<host>:<port>}.
     */
    public static URI defaultBaseUrl(String host, int port) {
        String shown = switch (host) {
            case "127.0.0.1", "localhost", "::1", "0.0.0.0", "::", "" -> "localhost";
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
        return URI.create("http://" + shown + ":" + port);
    }

    /**
     * This server on another port (the CLI's {@code --port}); a base URL that was the default for the old
     * port follows the new one, a configured one stays.
     */
    public ServerConfig withPort(int newPort) {
        URI url = baseUrl.equals(defaultBaseUrl(host, port)) ? defaultBaseUrl(host, newPort) : baseUrl;
        return new ServerConfig(newPort, host, url);
    }
}
