package io.tfsync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.tfsync.catalog.TenantScope;
import io.tfsync.events.CatalogEvent;
import io.tfsync.events.EventPage;
import io.tfsync.events.EventQuery;
import io.tfsync.events.EventStream;
import io.tfsync.events.OffsetBeyondEndException;
import io.tfsync.events.OffsetGoneException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/catalog/events}: the catalog event stream as pages (with an optional long poll) or,
 * for {@code Accept: text/event-stream}, as Server-Sent Events. Both read the same log through {@link
 * EventStream} and see only the caller's tenants.
 */
final class EventRoutes {

    static final String PATH = CatalogRoutes.BASE + "/events";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 10_000;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final String EVENTS_READ = "events.read";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final byte[] ENTITY_FIELD = ascii(",\"entity\":");

    /** Built-in kinds always known, so a consumer may wait for the first entity of one. */
    private static final Set<String> BUILT_IN_KINDS =
            Set.of("api", "component", "domain", "group", "location", "resource", "system", "template", "user");

    private final EventStream events;
    private final Duration heartbeat;
    private final ObjectMapper json;

    EventRoutes(EventStream events, Duration heartbeat, ObjectMapper json) {
        this.events = events;
        this.heartbeat = heartbeat;
        this.json = json;
    }

    void register(JavalinConfig config) {
        config.routes.get(PATH, this::events);
        config.routes.exception(OffsetGoneException.class, (e, ctx) -> gone(ctx, e));
        config.routes.exception(
                OffsetBeyondEndException.class,
                (e, ctx) -> ErrorResponses.write(ctx, 400, "InputError", e.getMessage()));
    }

    private void events(Context ctx) throws InterruptedException {
        Caller caller = HttpServer.caller(ctx);
        Authenticator.require(caller, EVENTS_READ);
        boolean stream = accepts(ctx, EVENT_STREAM);
        EventQuery query = query(ctx, caller.scope(), stream);
        Duration wait = stream ? Duration.ZERO : wait(ctx);
        if (stream) {
            stream(ctx, query);
            return;
        }
        // The wait holds the request, not a thread: 10,000 idle consumers cost their requests only.
        // The page is written on a thread of its own, not on the one that completed the wait.
        CompletableFuture<EventPage> page = events.pollAsync(query, wait);
        ctx.future(() -> page.thenApplyAsync(
                        this::pageBytes, task -> Thread.ofVirtual().start(task))
                .thenAccept(bytes -> {
                    ctx.contentType("application/json");
                    ctx.result(bytes);
                }));
    }

    private EventQuery query(Context ctx, TenantScope scope, boolean stream) {
        Integer limitParam = CatalogParams.integer(ctx, "limit", 1);
        int limit = limitParam == null ? DEFAULT_LIMIT : limitParam;
        if (limit > MAX_LIMIT) {
            throw ApiException.badRequest("Invalid limit: " + limit + " is more than the maximum of " + MAX_LIMIT);
        }
        String lastEventId = stream ? ctx.header("Last-Event-ID") : null;
        long offset = lastEventId != null && !lastEventId.isBlank()
                ? offset("Last-Event-ID", lastEventId)
                : Optional.ofNullable(ctx.queryParam("offset"))
                        .map(text -> offset("offset", text))
                        .orElse(0L);
        return new EventQuery(scope, offset, limit, kinds(ctx, scope), namespace(ctx));
    }

    private static long offset(String name, String text) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "Invalid " + name + ": '" + text + "' is not an event offset (a whole number, 0 or greater)");
        }
        if (value < 0) {
            throw ApiException.badRequest("Invalid " + name + ": " + value + " is negative; offsets start at 0");
        }
        return value;
    }

    /** {@code kind} given once or more, each possibly a comma-separated list; any case. */
    private Set<String> kinds(Context ctx, TenantScope scope) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String value : ctx.queryParams("kind")) {
            for (String kind : value.split(",", -1)) {
                String trimmed = kind.trim().toLowerCase(Locale.ROOT);
                if (trimmed.isEmpty()) {
                    throw ApiException.badRequest("Invalid kind: '" + value + "' holds an empty kind");
                }
                kinds.add(trimmed);
            }
        }
        Set<String> unknown = new TreeSet<>(kinds);
        unknown.removeAll(BUILT_IN_KINDS);
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(BUILT_IN_KINDS);
            known.addAll(events.log().kinds(scope));
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("Invalid kind: " + String.join(", ", unknown)
                        + (unknown.size() == 1 ? " is not a kind" : " are not kinds")
                        + " of this catalog; known kinds are " + String.join(", ", known));
            }
        }
        return kinds;
    }

    private static Optional<String> namespace(Context ctx) {
        List<String> values = ctx.queryParams("namespace");
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1 || values.getFirst().isBlank()) {
            throw ApiException.badRequest("Invalid namespace: give one namespace, got " + values);
        }
        return Optional.of(values.getFirst().trim());
    }

    /** {@code wait}: an ISO-8601 duration ({@code PT30S}) or seconds ({@code 30}, {@code 2.5}). */
    static Duration wait(Context ctx) {
        String text = ctx.queryParam("wait");
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        Duration wait;
        try {
            wait = text.trim().toUpperCase(Locale.ROOT).startsWith("P")
                    ? Duration.parse(text.trim())
                    : Duration.ofMillis(Math.round(Double.parseDouble(text.trim()) * 1000));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw ApiException.badRequest("Invalid wait: '" + text
                    + "' is neither seconds (such as 30) nor an ISO-8601 duration (such as PT30S)");
        }
        if (wait.isNegative()) {
            throw ApiException.badRequest("Invalid wait: '" + text + "' is negative");
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            throw ApiException.badRequest(
                    "Invalid wait: '" + text + "' is longer than the maximum of " + MAX_WAIT.toSeconds() + " seconds");
        }
        return wait;
    }

    private static boolean accepts(Context ctx, String type) {
        String accept = ctx.header(Header.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(type);
    }

    /**
     * The page as UTF-8 JSON, put together from bytes: each entity is copied as stored, never decoded,
     * parsed or re-encoded, and the page is never held as one string.
     */
    byte[] pageBytes(EventPage page) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(64 + page.events().size() * 1024);
        bytes.writeBytes(ascii("{\"lastEventOffset\":" + page.lastEventOffset() + ",\"events\":["));
        boolean first = true;
        for (CatalogEvent event : page.events()) {
            if (!first) {
                bytes.write(',');
            }
            first = false;
            writeEvent(bytes, event);
        }
        bytes.writeBytes(ascii("]}"));
        return bytes.toByteArray();
    }

    /** One event as {@code {"type":..,"offset":..,"entityRef":..,"entity":..}}, the fields in that order. */
    private void writeEvent(ByteArrayOutputStream out, CatalogEvent event) {
        out.writeBytes(ascii(
                "{\"type\":\"" + event.type().wireName() + "\",\"offset\":" + event.offset() + ",\"entityRef\":"));
        out.writeBytes(jsonString(event.entityRef()));
        if (event.entityJson().isPresent()) {
            out.writeBytes(ENTITY_FIELD);
            out.writeBytes(event.entityJson().get());
        }
        out.write('}');
    }

    /** A JSON string: refs are plain ASCII and copied as they are; anything else is escaped by Jackson. */
    private byte[] jsonString(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                try {
                    return json.writeValueAsBytes(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        byte[] quoted = new byte[text.length() + 2];
        quoted[0] = '"';
        for (int i = 0; i < text.length(); i++) {
            quoted[i + 1] = (byte) text.charAt(i);
        }
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Server-Sent Events until the client goes away: each event with {@code id:} = its offset, and,
     * while nothing matches, a heartbeat comment with an {@code id:} line of the offset read so far, so
     * a filtered consumer that reconnects with {@code Last-Event-ID} does not scan the gap again.
     */
    private void stream(Context ctx, EventQuery query) throws InterruptedException {
        // Checked before the 200 goes out: an offset out of range is answered as on the JSON path.
        EventPage page = events.poll(query, Duration.ZERO);
        ctx.status(200);
        ctx.res().setContentType(EVENT_STREAM + ";charset=utf-8");
        ctx.res().setHeader(Header.CACHE_CONTROL, "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!events.signal().isClosed()) {
                ByteArrayOutputStream frames = new ByteArrayOutputStream();
                for (CatalogEvent event : page.events()) {
                    frames.writeBytes(ascii(
                            "id: " + event.offset() + "\nevent: " + event.type().wireName() + "\ndata: "));
                    writeEvent(frames, event);
                    frames.writeBytes(ascii("\n\n"));
                }
                if (page.events().isEmpty()) {
                    frames.writeBytes(ascii(": heartbeat\nid: " + page.lastEventOffset() + "\n\n"));
                }
                frames.writeTo(out);
                out.flush();
                try {
                    page = events.poll(query.after(page.lastEventOffset()), heartbeat);
                } catch (OffsetGoneException e) {
                    String gone = json.writeValueAsString(
                            Map.of("message", e.getMessage(), "earliestOffset", e.earliestOffset()));
                    out.write(("event: gone\ndata: " + gone + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away; that is how an event stream ends.
        }
    }

    private static void gone(Context ctx, OffsetGoneException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("name", "GoneError");
        error.put("message", e.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("earliestOffset", e.earliestOffset());
        body.put("response", Map.of("statusCode", 410));
        ctx.status(410).json(body);
    }
}
