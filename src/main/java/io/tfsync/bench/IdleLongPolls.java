package io.tfsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.client.EventStreamClient;
import io.tfsync.store.DatabaseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What idle long polls cost the service: {@code tfsync serve} in a child JVM (so the benchmark's own
 * sockets and buffers do not count), its resident memory read from {@code /proc/<pid>/status} once it
 * is warm and again while N requests wait in {@code wait=60} long polls. The requests are raw sockets
 * that send a GET and never read, the cheapest client that keeps a request open.
 */
public final class IdleLongPolls {

    /** Resident set sizes in KiB (empty where {@code /proc} is not there), and what {@code /metrics} said. */
    public record Result(
            int requests, long waitingReported, OptionalLong rssBeforeKib, OptionalLong rssWithKib, Duration opened) {

        /** Extra resident memory per waiting request, in bytes. */
        public OptionalLong perRequestBytes() {
            if (rssBeforeKib.isEmpty() || rssWithKib.isEmpty()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of((rssWithKib.getAsLong() - rssBeforeKib.getAsLong()) * 1024 / requests);
        }
    }

    private static final Pattern WAITING = Pattern.compile("(?m)^tfsync_events_waiting(?:\\{[^}]*})? ([0-9.eE+]+)$");
    /** Connections opened between looks at how many the service holds; below the listen backlog. */
    private static final int PACE = 25;

    /** A service that stopped answering (out of memory, say) fails the run instead of hanging it. */
    private static final Duration ASK_WITHIN = Duration.ofSeconds(10);

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration ALL_WAITING_WITHIN = Duration.ofSeconds(40);

    private IdleLongPolls() {}

    /**
     * Starts the service on {@code settings} in a child JVM (with {@code -Xmx} when {@code maxHeap} is
     * given), opens {@code requests} long polls and measures; the child is stopped before returning.
     */
    public static Result run(DatabaseSettings settings, int requests, Optional<String> maxHeap, PrintStream out) {
        Path folder;
        try {
            folder = Files.createTempDirectory("tfsync-bench-idle-");
        } catch (IOException e) {
            throw new UncheckedIOException("the temporary folder could not be made", e);
        }
        int port = freePort();
        Process child = startChild(settings, folder, port, maxHeap);
        List<SocketChannel> sockets = new ArrayList<>(requests);
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitReady(child, http, base, folder);
            EventStreamClient events = new EventStreamClient(URI.create(base), Optional.empty(), http);
            long offset = events.currentOffset();
            // Warm: the long-poll path compiled and its classes loaded before the "before" figure.
            for (int i = 0; i < 20; i++) {
                events.poll(offset, Set.of(), Duration.ofMillis(50));
                metrics(http, base);
            }
            System.gc();
            OptionalLong before = rssKib(child.pid());
            out.printf(
                    Locale.ROOT,
                    "  idle long polls:       service in a child JVM (pid %d, %s), %s resident when warm%n",
                    child.pid(),
                    maxHeap.map(h -> "-Xmx" + h).orElse("default heap"),
                    mib(before));

            byte[] request = ("GET /api/catalog/events?offset=" + offset + "&wait=60 HTTP/1.1\r\nHost: 127.0.0.1:"
                            + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                if (i % PACE == 0) {
                    keepUp(http, base, i);
                }
                SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                sockets.add(socket);
                socket.write(ByteBuffer.wrap(request));
            }
            long waiting = awaitWaiting(http, base, requests);
            Duration opened = Duration.ofNanos(System.nanoTime() - start);
            OptionalLong with = rssKib(child.pid());
            Result result = new Result(requests, waiting, before, with, opened);
            out.printf(
                    Locale.ROOT,
                    "  idle long polls:       %,d waiting (tfsync_events_waiting %,d) after %.1f s: %s resident"
                            + " (%s more, %s per request)%n",
                    requests,
                    waiting,
                    opened.toNanos() / 1e9,
                    mib(with),
                    before.isPresent() && with.isPresent()
                            ? mib(OptionalLong.of(with.getAsLong() - before.getAsLong()))
                            : "?",
                    result.perRequestBytes().isPresent()
                            ? String.format(
                                    Locale.ROOT,
                                    "%.1f KiB",
                                    result.perRequestBytes().getAsLong() / 1024.0)
                            : "?");
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the idle phase failed after " + sockets.size() + " connections: " + e.getMessage()
                            + " (is `ulimit -n` high enough? it needs one file per request)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            for (SocketChannel socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing is best effort; the child is stopped next anyway
                }
            }
            stop(child);
            delete(folder);
        }
    }

    private static Process startChild(DatabaseSettings settings, Path folder, int port, Optional<String> maxHeap) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.putObject("server").put("port", port);
        ObjectNode database = config.putObject("database");
        database.put("url", settings.url());
        if (settings.user() != null) {
            database.put("user", settings.user());
        }
        if (settings.password() != null) {
            database.put("password", "${TFSYNC_BENCH_DB_PASSWORD}");
        }
        if (settings.schema() != null) {
            database.put("schema", settings.schema());
        }
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        maxHeap.ifPresent(heap -> command.add("-Xmx" + heap));
        command.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "io.tfsync.Main",
                "serve",
                "--config",
                folder.resolve("tfsync.yaml").toString()));
        try {
            // JSON is YAML; a database URL needs no quoting rules of its own this way.
            Files.writeString(folder.resolve("tfsync.yaml"), json.writeValueAsString(config));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("serve.log").toFile());
            if (settings.password() != null) {
                builder.environment().put("TFSYNC_BENCH_DB_PASSWORD", settings.password());
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the service in a child JVM (" + java + ")", e);
        }
    }

    private static void awaitReady(Process child, HttpClient http, String base, Path folder)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException(
                        "the service in the child JVM exited with " + child.exitValue() + ":\n" + log(folder));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/readyz"))
                                .timeout(ASK_WITHIN)
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service in the child JVM was not ready within " + READY_WITHIN.toSeconds()
                + " s:\n" + log(folder));
    }

    /**
     * Lets the service catch up before more connections: a connection the kernel has queued but the
     * service has not yet accepted counts against the listen backlog (Jetty's default, 50), and a full
     * backlog drops the next SYN, which a client only resends after a second.
     */
    private static void keepUp(HttpClient http, String base, int opened) throws InterruptedException {
        long deadline = System.nanoTime() + ALL_WAITING_WITHIN.toNanos();
        while (opened - waiting(metrics(http, base)) >= PACE && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    private static long awaitWaiting(HttpClient http, String base, int requests) throws InterruptedException {
        long deadline = System.nanoTime() + ALL_WAITING_WITHIN.toNanos();
        long waiting = 0;
        while (System.nanoTime() < deadline) {
            waiting = waiting(metrics(http, base));
            if (waiting >= requests) {
                return waiting;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + waiting + " of " + requests + " long polls were waiting after "
                + ALL_WAITING_WITHIN.toSeconds() + " s");
    }

    static long waiting(String metrics) {
        Matcher matcher = WAITING.matcher(metrics);
        if (!matcher.find()) {
            throw new IllegalStateException("/metrics has no tfsync_events_waiting");
        }
        return (long) Double.parseDouble(matcher.group(1));
    }

    private static String metrics(HttpClient http, String base) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                            .timeout(ASK_WITHIN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("/metrics failed: " + e.getMessage(), e);
        }
    }

    /** VmRSS of a process, from Linux's {@code /proc}; empty elsewhere. */
    static OptionalLong rssKib(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? String.format(Locale.ROOT, "%.0f MiB", kib.getAsLong() / 1024.0) : "? MiB (no /proc)";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** SIGTERM for a graceful shutdown (which ends waiting long polls), then SIGKILL if it lingers. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String log(Path folder) {
        try {
            return Files.readString(folder.resolve("serve.log"));
        } catch (IOException e) {
            return "(its log cannot be read: " + e.getMessage() + ")";
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
