package io.tfsync.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads an SSE response line by line, as a browser's EventSource would receive it, then hangs up. */
final class SseReader {

    private SseReader() {}

    /** The lines up to and including the {@code events}-th {@code data:} line. */
    static List<String> read(String baseUrl, String token, String lastEventId, int events, Duration timeout)
            throws Exception {
        int[] seen = {0};
        return readWhile(
                baseUrl, token, lastEventId, line -> !(line.startsWith("data: ") && ++seen[0] >= events), timeout);
    }

    /** The lines up to and including the first one equal to {@code last}, and the one after it. */
    static List<String> readUntil(String baseUrl, String token, String lastEventId, String last, Duration timeout)
            throws Exception {
        boolean[] found = {false};
        return readWhile(
                baseUrl,
                token,
                lastEventId,
                line -> {
                    if (found[0]) {
                        return false;
                    }
                    found[0] = line.equals(last);
                    return true;
                },
                timeout);
    }

    private static List<String> readWhile(
            String baseUrl, String token, String lastEventId, Predicate<String> more, Duration timeout)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/catalog/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("SSE request answered " + response.statusCode());
            }
            return CompletableFuture.supplyAsync(() -> {
                        List<String> lines = new ArrayList<>();
                        try (Stream<String> body = response.body()) {
                            Iterator<String> it = body.iterator();
                            while (it.hasNext()) {
                                String line = it.next();
                                lines.add(line);
                                if (!more.test(line)) {
                                    break;
                                }
                            }
                        }
                        return lines;
                    })
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            http.shutdownNow();
        }
    }
}
