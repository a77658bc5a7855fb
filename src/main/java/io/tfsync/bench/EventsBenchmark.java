package io.tfsync.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.Application;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.TenantScope;
import io.tfsync.events.EventPage;
import io.tfsync.events.EventQuery;
import io.tfsync.events.EventStream;
import io.tfsync.store.DatabaseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The catalog event stream as its consumers meet it, over HTTP against the real service: how fast one
 * consumer reads a long log in pages of 1,000, how soon a consumer waiting in a long poll hears of a
 * commit, and (through {@link IdleLongPolls}, in a child JVM) what thousands of idle long polls cost
 * in memory. Every event is a real one, appended by the ordinary write path; each phase checks that
 * it saw every event it should, so a fast wrong answer fails.
 */
public final class EventsBenchmark {

    /** What to measure. */
    public record Options(
            int events, int consumers, int commits, Duration commitEvery, int idle, Optional<String> childMaxHeap) {
        public Options {
            if (events < 1 || consumers < 1 || commits < 1 || idle < 0) {
                throw new IllegalArgumentException("events, consumers and commits must be positive, idle not negative");
            }
        }
    }

    /** One read of the whole log from its start; {@code clientParse} is the part the client spent parsing. */
    public record Read(int pages, long events, long bytes, Duration time, Duration clientParse) {
        public double perSecond() {
            return events / seconds(time);
        }
    }

    /** Commit-to-response latency of waiting consumers. */
    public record Latency(
            String where,
            int consumers,
            int commits,
            long samples,
            double p50Millis,
            double p99Millis,
            double maxMillis) {}

    /** The figures of one run; {@code idle} is empty when no idle requests were asked for. */
    public record Result(
            String database,
            int events,
            Duration load,
            List<Read> reads,
            List<Latency> latencies,
            Optional<IdleLongPolls.Result> idle) {}

    static final int PAGE = 1_000;
    private static final int LOAD_BATCH = 1_000;
    private static final String TENANT = "bench";
    private static final String SOURCE = "bench:events";

    private EventsBenchmark() {}

    /** Runs against an empty database (a fresh SQLite file or a fresh PostgreSQL schema). */
    public static Result run(DatabaseSettings settings, Options options, PrintStream out) {
        Duration load;
        List<Read> reads = new ArrayList<>();
        List<Latency> latencies = new ArrayList<>();
        String database;
        try (Application app = start(settings)) {
            database = app.databaseKind();
            long existing = app.entities().count(TenantScope.ALL, EntityFilter.ALL, null);
            if (existing > 0) {
                throw new IllegalStateException("the database already holds " + existing
                        + " entities; the events benchmark needs an empty one (a fresh file or PostgreSQL schema)");
            }
            out.printf(
                    Locale.ROOT,
                    "tfsync event stream benchmark: %s, %,d events, JDK %s, %d cores%n",
                    database,
                    options.events(),
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            load = CatalogBenchmark.load(app.entities(), TENANT, options.events(), LOAD_BATCH, out);
            // Besides one added event per entity, each change set's first entity depends on the one
            // before it and so updates it: a few more events than entities, all of them read below.
            long logged = app.events().bounds().last();
            out.printf(
                    Locale.ROOT,
                    "  load:                  %,d entities, %,d events in %.1f s (%,.0f events/s)%n",
                    options.events(),
                    logged,
                    seconds(load),
                    logged / seconds(load));
            app.analyzeDatabase();

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + app.port();
            for (String pass : new String[] {"first", "second"}) {
                Read read = readAll(http, base, logged);
                reads.add(read);
                out.printf(
                        Locale.ROOT,
                        "  read all, %s pass:   %,.0f events/s (%,d pages of %,d in %.2f s, %.0f MB/s, %,d bytes/event;"
                                + " the client parsed for %.2f s)%n",
                        pass,
                        read.perSecond(),
                        read.pages(),
                        PAGE,
                        seconds(read.time()),
                        read.bytes() / seconds(read.time()) / 1e6,
                        read.bytes() / read.events(),
                        seconds(read.clientParse()));
            }
            Read store = readStore(app, logged);
            reads.add(store);
            out.printf(
                    Locale.ROOT,
                    "  read all, store alone: %,.0f events/s (%,d pages of %,d in %.2f s; no HTTP, no JSON)%n",
                    store.perSecond(),
                    store.pages(),
                    PAGE,
                    seconds(store.time()));
            int next = options.events();
            latencies.add(latency("same instance", app, app, http, base, options, next, out));
            next += options.commits();
            if (database.equals("postgresql")) {
                try (Application writer = start(settings)) {
                    latencies.add(latency("across instances", app, writer, http, base, options, next, out));
                }
            }
        }
        Optional<IdleLongPolls.Result> idle = Optional.empty();
        if (options.idle() > 0) {
            idle = Optional.of(IdleLongPolls.run(settings, options.idle(), options.childMaxHeap(), out));
        }
        return new Result(database, options.events(), load, reads, latencies, idle);
    }

    private static Application start(DatabaseSettings settings) {
        return Application.start(
                new Application.Options(settings, "127.0.0.1", 0, List.of(), Duration.ofSeconds(5)),
                InstantSource.system());
    }

    /** Follows {@code lastEventOffset} from the start of the log until it has read {@code expected} events. */
    private static Read readAll(HttpClient http, String base, long expected) {
        long offset = 0;
        long events = 0;
        long bytes = 0;
        int pages = 0;
        long parse = 0;
        long start = System.nanoTime();
        while (events < expected) {
            byte[] body = get(http, base + "/api/catalog/events?limit=" + PAGE + "&offset=" + offset);
            bytes += body.length;
            pages++;
            long parsing = System.nanoTime();
            EventsPage page = EventsPage.parse(body, offset);
            parse += System.nanoTime() - parsing;
            if (page.refs().isEmpty()) {
                throw new IllegalStateException(
                        "the log ended at offset " + offset + " after " + events + " events, expected " + expected);
            }
            events += page.refs().size();
            offset = page.lastEventOffset();
        }
        Duration time = since(start);
        if (events != expected) {
            throw new IllegalStateException("read " + events + " events, expected " + expected);
        }
        return new Read(pages, events, bytes, time, Duration.ofNanos(parse));
    }

    /** The same page-through through {@link EventStream#poll}: the database's share of a read. */
    private static Read readStore(Application app, long expected) {
        long offset = 0;
        long events = 0;
        int pages = 0;
        long start = System.nanoTime();
        try {
            while (events < expected) {
                EventPage page = app.events()
                        .poll(new EventQuery(TenantScope.ALL, offset, PAGE, Set.of(), Optional.empty()), Duration.ZERO);
                if (page.events().isEmpty()) {
                    throw new IllegalStateException(
                            "the log ended at offset " + offset + " after " + events + " events");
                }
                pages++;
                events += page.events().size();
                offset = page.lastEventOffset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new Read(pages, events, 0, since(start), Duration.ZERO);
    }

    /**
     * {@code consumers} long polls ({@code wait=30}) on {@code reader}'s port, while a writer on {@code
     * writer} adds one entity every {@code commitEvery} (jittered by up to half); each consumer must see
     * every commit. Latency is the time a consumer has the response minus the time the writer's {@code
     * apply} returned, both from this JVM's {@link System#nanoTime()}.
     */
    private static Latency latency(
            String where,
            Application reader,
            Application writer,
            HttpClient http,
            String base,
            Options options,
            int firstIndex,
            PrintStream out) {
        int commits = options.commits();
        AtomicLongArray committedAt = new AtomicLongArray(commits);
        long from = reader.events().bounds().last();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> consumers = new ArrayList<>();
            for (int c = 0; c < options.consumers(); c++) {
                consumers.add(pool.submit(() -> consume(http, base, from, firstIndex, commits)));
            }
            awaitWaiting(reader, options.consumers());
            SplittableRandom random = new SplittableRandom(7);
            long pause = options.commitEvery().toNanos();
            for (int k = 0; k < commits; k++) {
                Thread.sleep(Duration.ofNanos(pause / 2 + random.nextLong(pause + 1)));
                writer.entities().apply(new ChangeSet(TENANT, SOURCE, List.of(standalone(firstIndex + k)), List.of()));
                committedAt.set(k, System.nanoTime());
            }
            List<Long> samples = new ArrayList<>();
            for (Future<long[]> consumer : consumers) {
                long[] received = consumer.get(60, TimeUnit.SECONDS);
                for (int k = 0; k < commits; k++) {
                    samples.add(received[k] - committedAt.get(k));
                }
            }
            long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
            Latency latency = new Latency(
                    where,
                    options.consumers(),
                    commits,
                    sorted.length,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6);
            out.printf(
                    Locale.ROOT,
                    "  commit to consumer, %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d consumers x %d commits)%n",
                    where,
                    latency.p50Millis(),
                    latency.p99Millis(),
                    latency.maxMillis(),
                    latency.consumers(),
                    latency.commits());
            return latency;
        } catch (Exception e) {
            throw new IllegalStateException("the latency phase (" + where + ") failed: " + e.getMessage(), e);
        }
    }

    /** Long-polls until it has seen the {@code commits} entities from {@code firstIndex}; returns when each came. */
    private static long[] consume(HttpClient http, String base, long from, int firstIndex, int commits) {
        long[] receivedAt = new long[commits];
        int seen = 0;
        long offset = from;
        while (seen < commits) {
            byte[] body = get(http, base + "/api/catalog/events?limit=" + PAGE + "&wait=30&offset=" + offset);
            long now = System.nanoTime();
            EventsPage page = EventsPage.parse(body, offset);
            for (String ref : page.refs()) {
                int k = Integer.parseInt(ref.substring(ref.lastIndexOf('-') + 1)) - firstIndex;
                if (k < 0 || k >= commits || receivedAt[k] != 0) {
                    throw new IllegalStateException("an event the writer did not make, or twice: " + ref);
                }
                receivedAt[k] = now;
                seen++;
            }
            offset = page.lastEventOffset();
        }
        return receivedAt;
    }

    /**
     * A Resource like the loaded ones but depending on nothing, so its commit is one {@code added}
     * event (a {@code dependsOn} would also update the entity it names).
     */
    private static Entity standalone(int i) {
        ObjectNode json = CatalogBenchmark.resource(i).toJson();
        ((ObjectNode) json.get("spec")).remove("dependsOn");
        return Entity.of(json);
    }

    private static void awaitWaiting(Application app, int consumers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (app.events().signal().waiting() < consumers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + app.events().signal().waiting() + " of " + consumers
                        + " consumers were waiting after 30 s");
            }
            Thread.sleep(5);
        }
    }

    static byte[] get(HttpClient http, String url) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double percentile(long[] sortedNanos, double p) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static double seconds(Duration duration) {
        return Math.max(duration.toNanos(), 1) / 1e9;
    }
}
