package io.tfsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.Application;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.TenantScope;
import io.tfsync.store.DatabaseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The catalog as a Backstage user meets it: the real service on a loopback port, N entities loaded
 * through the ordinary write path, then by-name reads (one client, then several at once), a
 * page-through of every entity with by-query cursors, a filtered list and a facet count, all over
 * HTTP. A run checks its own answers (every entity seen exactly once), so a fast wrong answer fails.
 */
public final class CatalogApiBenchmark {

    /** What to measure. */
    public record Options(int entities, Duration readFor, int clients, int pageSize) {
        public Options {
            if (entities < 1 || clients < 1 || pageSize < 1) {
                throw new IllegalArgumentException("entities, clients and page size must be positive");
            }
        }
    }

    /** Reads per second and latency percentiles of one read phase. */
    public record Reads(int clients, long count, Duration time, double p50Millis, double p99Millis) {
        public double perSecond() {
            return count / (time.toNanos() / 1e9);
        }
    }

    /** A page-through of every entity. */
    public record PageThrough(String order, int pages, int entities, Duration time) {}

    /** The figures of one run. */
    public record Result(
            String database,
            int entities,
            Duration load,
            List<Reads> reads,
            List<PageThrough> pageThroughs,
            Duration filteredList,
            int filteredCount,
            Duration facets) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1_000;

    private CatalogApiBenchmark() {}

    /**
     * Runs against an empty database (a fresh SQLite file or a fresh PostgreSQL schema): the
     * page-through checks it sees exactly the entities it loaded.
     */
    public static Result run(DatabaseSettings settings, Options options, PrintStream out) {
        try (Application app = Application.start(
                new Application.Options(settings, "127.0.0.1", 0, List.of(), Duration.ofSeconds(5)),
                InstantSource.system())) {
            String database = app.databaseKind();
            long existing = app.entities().count(TenantScope.ALL, EntityFilter.ALL, null);
            if (existing > 0) {
                throw new IllegalStateException("the database already holds " + existing
                        + " entities; the API benchmark needs an empty one (a fresh file or PostgreSQL schema)");
            }
            out.printf(
                    Locale.ROOT,
                    "tfsync catalog API benchmark: %s, %,d entities, JDK %s, %d cores%n",
                    database,
                    options.entities(),
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            Duration load = CatalogBenchmark.load(app.entities(), "bench", options.entities(), BATCH, out);
            out.printf(
                    Locale.ROOT,
                    "  load:                  %.1f s (%,.0f entities/s)%n",
                    seconds(load),
                    options.entities() / seconds(load));
            app.analyzeDatabase();

            Client client = new Client("http://127.0.0.1:" + app.port());
            List<Reads> reads = new ArrayList<>();
            for (int clients : new int[] {1, options.clients()}) {
                Reads r = byName(client, options, clients);
                reads.add(r);
                out.printf(
                        Locale.ROOT,
                        "  by-name, %d client%s:     %,.0f reads/s (p50 %.2f ms, p99 %.2f ms)%n",
                        clients,
                        clients == 1 ? " " : "s",
                        r.perSecond(),
                        r.p50Millis(),
                        r.p99Millis());
            }
            List<PageThrough> pages = new ArrayList<>();
            for (String order : new String[] {null, "metadata.name,asc"}) {
                PageThrough p = pageThrough(client, options, order);
                pages.add(p);
                out.printf(
                        Locale.ROOT,
                        "  by-query page-through: %.1f s, %,d pages of %d (%s; %,.0f entities/s)%n",
                        seconds(p.time()),
                        p.pages(),
                        options.pageSize(),
                        p.order(),
                        p.entities() / seconds(p.time()));
            }
            long start = System.nanoTime();
            JsonNode databases = client.get("/api/catalog/entities?filter="
                    + URLEncoder.encode("kind=resource,spec.type=aws_db_instance", StandardCharsets.UTF_8));
            Duration filtered = since(start);
            out.printf(
                    Locale.ROOT,
                    "  filtered list:         %.3f s for %,d entities (kind=resource,spec.type=aws_db_instance)%n",
                    seconds(filtered),
                    databases.size());
            start = System.nanoTime();
            client.get("/api/catalog/entity-facets?facet=spec.type");
            Duration facets = since(start);
            out.printf(Locale.ROOT, "  facets (spec.type):    %.3f s%n", seconds(facets));
            return new Result(database, options.entities(), load, reads, pages, filtered, databases.size(), facets);
        }
    }

    private static Reads byName(Client client, Options options, int clients) {
        long deadline = System.nanoTime() + options.readFor().toNanos();
        long start = System.nanoTime();
        List<long[]> latencies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(42 + c);
                workers.add(pool.submit(() -> {
                    long[] samples = new long[1 << 16];
                    int n = 0;
                    // at least one read per client, so a loaded machine still yields a figure
                    do {
                        String name = CatalogBenchmark.name(random.nextInt(options.entities()));
                        long t = System.nanoTime();
                        JsonNode entity = client.get("/api/catalog/entities/by-name/resource/default/" + name);
                        if (!name.equals(entity.at("/metadata/name").asText())) {
                            throw new IllegalStateException("asked for " + name + ", got " + entity);
                        }
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = System.nanoTime() - t;
                    } while (System.nanoTime() < deadline);
                    return Arrays.copyOf(samples, n);
                }));
            }
            for (Future<long[]> worker : workers) {
                latencies.add(worker.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("the by-name phase failed: " + e.getMessage(), e);
        }
        Duration time = since(start);
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Reads(clients, all.length, time, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static PageThrough pageThrough(Client client, Options options, String order) {
        Set<String> seen = new HashSet<>();
        int pages = 0;
        long start = System.nanoTime();
        String path = "/api/catalog/entities/by-query?limit=" + options.pageSize()
                + (order == null ? "" : "&orderField=" + URLEncoder.encode(order, StandardCharsets.UTF_8));
        while (path != null) {
            JsonNode page = client.get(path);
            pages++;
            for (JsonNode entity : page.get("items")) {
                if (!seen.add(entity.at("/metadata/uid").asText())) {
                    throw new IllegalStateException("page-through saw " + entity.at("/metadata/name") + " twice");
                }
            }
            JsonNode next = page.at("/pageInfo/nextCursor");
            path = next.isMissingNode()
                    ? null
                    : "/api/catalog/entities/by-query?limit=" + options.pageSize() + "&cursor="
                            + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        }
        Duration time = since(start);
        if (seen.size() != options.entities()) {
            throw new IllegalStateException(
                    "page-through saw " + seen.size() + " entities, expected " + options.entities());
        }
        return new PageThrough(order == null ? "default order" : "by " + order, pages, seen.size(), time);
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** A plain HTTP client that fails loudly on anything but 200. */
    private record Client(String base, HttpClient http) {
        Client(String base) {
            this(
                    base,
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        JsonNode get(String path) {
            try {
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
