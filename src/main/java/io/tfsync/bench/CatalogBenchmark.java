package io.tfsync.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityOrder;
import io.tfsync.catalog.EntityPage;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.FullTextFilter;
import io.tfsync.catalog.TenantScope;
import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.Store;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * How the catalog store holds up at scale: loads N Resource entities (shaped like the ones tfsync
 * maps from Terraform state) through {@link EntityRepository#apply} in change sets, then measures
 * reads by ref and the time to page through every entity with keyset pages through {@link
 * EntityRepository#find}. Each run writes into a fresh tenant, so it can share a database with
 * earlier runs; point it at a throwaway database.
 */
public final class CatalogBenchmark {

    /** What to measure. */
    public record Options(int entities, int batchSize, Duration readFor, int pageSize) {
        public static final Options DEFAULT = new Options(100_000, 1_000, Duration.ofSeconds(10), 500);

        public Options {
            if (entities < 1 || batchSize < 1 || pageSize < 1) {
                throw new IllegalArgumentException("entities, batch size and page size must be positive");
            }
            Objects.requireNonNull(readFor, "readFor");
        }
    }

    /** The figures of one run. */
    public record Result(
            String database,
            int entities,
            Duration load,
            long reads,
            Duration readTime,
            int pages,
            Duration pageThroughByUid,
            Duration pageThroughByName,
            Duration filteredCount) {

        public double loadedPerSecond() {
            return entities / seconds(load);
        }

        public double readsPerSecond() {
            return reads / seconds(readTime);
        }

        private static double seconds(Duration duration) {
            return Math.max(duration.toNanos(), 1) / 1e9;
        }
    }

    private static final int OWNERS = 50;
    private static final String SOURCE = "bench:catalog";

    private CatalogBenchmark() {}

    /** Opens the database, runs the benchmark in a new tenant, prints its figures and returns them. */
    public static Result run(DatabaseSettings settings, Options options, PrintStream out) {
        try (Database database = Database.open(settings)) {
            EntityRepository repository = new Store(database, InstantSource.system()).entityRepository();
            String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            out.printf(
                    Locale.ROOT,
                    "tfsync catalog benchmark: %s at %s, %,d entities (tenant %s)%n",
                    database.dialect().name(),
                    database.redactedUrl(),
                    options.entities(),
                    tenant);
            Result result = measure(database, repository, tenant, options, out);
            out.printf(Locale.ROOT, "%s%n", summary(result, options));
            return result;
        }
    }

    private static Result measure(
            Database database, EntityRepository repository, String tenant, Options options, PrintStream out) {
        Duration load = load(repository, tenant, options.entities(), options.batchSize(), out);
        long start;
        out.printf(
                Locale.ROOT,
                "  load:          %,d entities in change sets of %,d: %.1f s (%,.0f entities/s)%n",
                options.entities(),
                options.batchSize(),
                seconds(load),
                options.entities() / seconds(load));
        // What autovacuum does soon after a load like this; without it PostgreSQL plans blind.
        start = System.nanoTime();
        database.analyze();
        out.printf(Locale.ROOT, "  analyze:       %.1f s%n", seconds(since(start)));

        TenantScope scope = TenantScope.of(tenant);
        SplittableRandom random = new SplittableRandom(42);
        long reads = 0;
        start = System.nanoTime();
        long deadline = start + options.readFor().toNanos();
        while (System.nanoTime() < deadline) {
            EntityRef ref = new EntityRef("Resource", "default", name(random.nextInt(options.entities())));
            if (repository.byRef(scope, ref).isEmpty()) {
                throw new IllegalStateException("the benchmark lost " + ref);
            }
            reads++;
        }
        Duration readTime = since(start);
        out.printf(
                Locale.ROOT,
                "  by-ref reads:  %,d random refs in %.1f s: %,.0f reads/s%n",
                reads,
                seconds(readTime),
                reads / seconds(readTime));

        PageThrough byUid = pageThrough(repository, scope, List.of(), options);
        out.printf(
                Locale.ROOT,
                "  page-through:  %,d pages of %d in uid order: %.1f s%n",
                byUid.pages(),
                options.pageSize(),
                seconds(byUid.time()));
        PageThrough byName = pageThrough(
                repository, scope, List.of(new EntityOrder("metadata.name", EntityOrder.Direction.ASC)), options);
        out.printf(
                Locale.ROOT,
                "  page-through:  %,d pages of %d ordered by metadata.name: %.1f s%n",
                byName.pages(),
                options.pageSize(),
                seconds(byName.time()));
        start = System.nanoTime();
        long databases = repository.count(scope, filter("spec.type", "aws_db_instance"), null);
        Duration filteredCount = since(start);
        out.printf(
                Locale.ROOT,
                "  filtered count: spec.type=aws_db_instance matched %,d in %.3f s%n",
                databases,
                seconds(filteredCount));
        start = System.nanoTime();
        var facets = repository.facets(scope, List.of("spec.type", "spec.owner"), EntityFilter.ALL);
        Duration facetTime = since(start);
        out.printf(
                Locale.ROOT,
                "  facets:        spec.type and spec.owner (%d and %d values) in %.3f s%n",
                facets.get("spec.type").size(),
                facets.get("spec.owner").size(),
                seconds(facetTime));
        start = System.nanoTime();
        EntityPage found = repository.find(new EntityQuery(
                scope,
                EntityFilter.ALL,
                new FullTextFilter("r-0123", List.of("metadata.name")),
                List.of(new EntityOrder("metadata.name", EntityOrder.Direction.ASC)),
                null,
                false,
                0,
                options.pageSize()));
        out.printf(
                Locale.ROOT,
                "  full text:     metadata.name containing r-0123, first page (%d) in %.3f s%n",
                found.items().size(),
                seconds(since(start)));
        return new Result(
                database.dialect().name(),
                options.entities(),
                load,
                reads,
                readTime,
                byUid.pages(),
                byUid.time(),
                byName.time(),
                filteredCount);
    }

    private record PageThrough(int pages, Duration time) {}

    private static PageThrough pageThrough(
            EntityRepository repository, TenantScope scope, List<EntityOrder> order, Options options) {
        long start = System.nanoTime();
        EntityQuery first = new EntityQuery(scope, EntityFilter.ALL, null, order, null, false, 0, options.pageSize());
        EntityPage page = repository.find(first);
        int pages = 1;
        long seen = page.items().size();
        while (page.hasMore()) {
            page = repository.find(
                    new EntityQuery(scope, EntityFilter.ALL, null, order, page.last(), false, 0, options.pageSize()));
            pages++;
            seen += page.items().size();
        }
        if (seen != options.entities()) {
            throw new IllegalStateException("paging saw " + seen + " entities, expected " + options.entities());
        }
        return new PageThrough(pages, since(start));
    }

    private static EntityFilter filter(String key, String value) {
        return new EntityFilter(
                List.of(new EntityFilter.FilterSet(List.of(new EntityFilter.Condition(key, List.of(value))))));
    }

    /**
     * Loads {@code entities} Resources through the ordinary write path in change sets of {@code
     * batchSize}, printing progress every 10,000, and returns how long it took.
     */
    static Duration load(EntityRepository repository, String tenant, int entities, int batchSize, PrintStream out) {
        long start = System.nanoTime();
        int nextReport = 10_000;
        for (int from = 0; from < entities; from += batchSize) {
            List<Entity> batch = new ArrayList<>(batchSize);
            for (int i = from; i < Math.min(entities, from + batchSize); i++) {
                batch.add(resource(i));
            }
            repository.apply(new ChangeSet(tenant, SOURCE, batch, List.of()));
            int loaded = Math.min(entities, from + batchSize);
            if (loaded >= nextReport && loaded < entities) {
                out.printf(Locale.ROOT, "  loading:       %,d of %,d entities...%n", loaded, entities);
                nextReport += 10_000;
            }
        }
        return since(start);
    }

    static final String[] TYPES = {
        "aws_db_instance", "aws_s3_bucket", "aws_iam_role", "aws_instance", "aws_subnet", "aws_security_group"
    };

    /** A Resource shaped like one tfsync maps from a Terraform resource instance. */
    static Entity resource(int i) {
        String type = TYPES[i % TYPES.length];
        String address = "module.m" + (i % 97) + "." + type + ".r[" + i + "]";
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("apiVersion", "backstage.io/v1alpha1");
        json.put("kind", "Resource");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name(i));
        metadata.put("namespace", "default");
        metadata.put("title", type + " " + i);
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("terraform.io/address", address);
        annotations.put("terraform.io/workspace", "bench-" + (i % 20));
        annotations.put("terraform.io/resource-type", type);
        annotations.put("terraform.io/provider", "registry.terraform.io/hashicorp/aws");
        annotations.put("backstage.io/managed-by-location", "tfsync:bench-" + (i % 20));
        annotations.put("backstage.io/managed-by-origin-location", "tfsync:bench-" + (i % 20));
        ObjectNode labels = metadata.putObject("labels");
        labels.put("tfsync.io/tenant", "bench");
        labels.put("tfsync.io/business-unit", "bu-" + (i % 5));
        ObjectNode spec = json.putObject("spec");
        spec.put("type", type);
        spec.put("owner", "group:default/team-" + (i % OWNERS));
        spec.put("system", "system-" + (i % 40));
        if (i > 0) {
            spec.putArray("dependsOn").add("resource:default/" + name(i - 1));
        }
        return Entity.of(json);
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "r-%06d", i);
    }

    private static String summary(Result result, Options options) {
        return String.format(
                Locale.ROOT,
                "%s, %,d entities: load %.1f s, %,.0f by-ref reads/s, page-through (%d per page) %.1f s by uid,"
                        + " %.1f s by name",
                result.database(),
                result.entities(),
                seconds(result.load()),
                result.readsPerSecond(),
                options.pageSize(),
                seconds(result.pageThroughByUid()),
                seconds(result.pageThroughByName()));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
