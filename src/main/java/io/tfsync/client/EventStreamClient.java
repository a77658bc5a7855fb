package io.tfsync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Follows tfsync's catalog event stream the way the RFC describes it: list the entities and note the
 * offset the list was taken at, then long-poll the events after it, resuming from the last offset
 * handled. When retention has moved past that offset (410), it lists the entities again and goes on
 * from there, so the consumer's copy never silently misses a removal.
 *
 * <pre>{@code
 * EventStreamClient client = new EventStreamClient(URI.create("http://127.0.0.1:7007"), Optional.empty());
 * client.follow(0, Set.of(), listener, () -> running);
 * }</pre>
 */
public final class EventStreamClient {

    /** One event as the stream sends it; {@code entity} is null on {@code removed}. */
    public record Event(String type, long offset, String entityRef, JsonNode entity) {}

    /** One page of the stream. */
    public record Page(long lastEventOffset, List<Event> events) {}

    /** Every entity the caller may see, and the offset to follow the stream from. */
    public record Snapshot(long offset, List<JsonNode> entities) {}

    /** What a follower is told, in order. */
    public interface Listener {

        /** The consumer's copy must become exactly these entities (first start, or after a 410). */
        void bootstrapped(Snapshot snapshot);

        void event(Event event);
    }

    /** Retention removed events after the offset asked for. */
    public static final class OffsetGoneException extends EventStreamException {
        private final long earliestOffset;

        OffsetGoneException(String message, long earliestOffset) {
            super(message);
            this.earliestOffset = earliestOffset;
        }

        public long earliestOffset() {
            return earliestOffset;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAST_EVENT_OFFSET = "X-Catalog-Last-Event-Offset";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PAGE = 1000;

    private final URI baseUrl;
    private final Optional<String> token;
    private final HttpClient http;

    public EventStreamClient(URI baseUrl, Optional<String> token) {
        this(
                baseUrl,
                token,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public EventStreamClient(URI baseUrl, Optional<String> token, HttpClient http) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = Objects.requireNonNull(token, "token");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** Lists every entity in one snapshot with the offset it was taken at. */
    public Snapshot bootstrap() {
        HttpResponse<String> response = get("/api/catalog/entities");
        expectOk(response, "listing the entities");
        String offset = response.headers()
                .firstValue(LAST_EVENT_OFFSET)
                .orElseThrow(() -> new EventStreamException(baseUrl
                        + "/api/catalog/entities answered without " + LAST_EVENT_OFFSET
                        + "; is this a tfsync service?"));
        List<JsonNode> entities = new ArrayList<>();
        parse(response).forEach(entities::add);
        return new Snapshot(Long.parseLong(offset.trim()), entities);
    }

    /** The offset the stream has reached now, without listing anything. */
    public long currentOffset() {
        HttpResponse<String> response = get("/api/catalog/entities/by-query?limit=0&totalItems=exclude");
        expectOk(response, "reading the stream's offset");
        return parse(response).path("lastEventOffset").asLong();
    }

    /**
     * The events after {@code offset}, waiting up to {@code wait} for one.
     *
     * @throws OffsetGoneException when retention has removed events after {@code offset}
     */
    public Page poll(long offset, Set<String> kinds, Duration wait) {
        StringBuilder path = new StringBuilder("/api/catalog/events?offset=")
                .append(offset)
                .append("&limit=")
                .append(PAGE)
                .append("&wait=")
                .append(wait.toMillis() / 1000.0);
        for (String kind : new TreeSet<>(kinds)) {
            path.append("&kind=").append(URLEncoder.encode(kind, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = get(path.toString());
        if (response.statusCode() == 410) {
            JsonNode body = parse(response);
            throw new OffsetGoneException(
                    body.path("error").path("message").asText("offset " + offset + " is gone"),
                    body.path("earliestOffset").asLong());
        }
        expectOk(response, "reading events after offset " + offset);
        JsonNode body = parse(response);
        List<Event> events = new ArrayList<>();
        for (JsonNode event : body.path("events")) {
            events.add(new Event(
                    event.path("type").asText(),
                    event.path("offset").asLong(),
                    event.path("entityRef").asText(),
                    event.hasNonNull("entity") ? event.get("entity") : null));
        }
        return new Page(body.path("lastEventOffset").asLong(), events);
    }

    /**
     * Follows the stream from {@code offset} until {@code keepGoing} says stop (checked between long
     * polls, at least every 30 s) or the thread is interrupted; a negative offset bootstraps first.
     * Returns the offset reached, to resume from.
     */
    public long follow(long offset, Set<String> kinds, Listener listener, BooleanSupplier keepGoing) {
        long position = offset;
        if (position < 0) {
            position = bootstrap(listener);
        }
        while (keepGoing.getAsBoolean()) {
            Page page;
            try {
                page = poll(position, kinds, WAIT);
            } catch (OffsetGoneException e) {
                position = bootstrap(listener);
                continue;
            } catch (EventStreamException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return position;
                }
                throw e;
            }
            for (Event event : page.events()) {
                listener.event(event);
            }
            position = page.lastEventOffset();
        }
        return position;
    }

    private long bootstrap(Listener listener) {
        Snapshot snapshot = bootstrap();
        listener.bootstrapped(snapshot);
        return snapshot.offset();
    }

    private HttpResponse<String> get(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(WAIT.plusSeconds(30))
                .header("Accept", "application/json")
                .GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EventStreamException("cannot reach tfsync at " + baseUrl + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStreamException("interrupted while waiting for " + baseUrl, e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "nothing accepts connections there (is the service running, and is the URL right?)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() != null ? e.getMessage() : "the connection failed";
    }

    private void expectOk(HttpResponse<String> response, String doing) {
        if (response.statusCode() != 200) {
            String message = response.body();
            try {
                message = JSON.readTree(response.body())
                        .path("error")
                        .path("message")
                        .asText(message);
            } catch (IOException e) {
                // not JSON: show the body as it came
            }
            throw new EventStreamException(
                    doing + " at " + baseUrl + " failed with HTTP " + response.statusCode() + ": " + message);
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new EventStreamException(
                    baseUrl + " answered " + response.uri().getPath() + " with something that is not JSON", e);
        }
    }
}
