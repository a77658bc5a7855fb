package io.tfsync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.StateSource;
import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.Store;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncService;
import io.tfsync.sync.SyncStatus;
import io.tfsync.sync.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code tfsync bench sync}: a workspace of N resource instances synced from a stand-in for Terraform
 * Cloud's API on loopback (the real HTTP client, parser, mapper and store), timed as a user sees it:
 * the first full sync, a re-sync when the state version has not changed, a re-sync of a new version
 * with 1% of the resources changed, and a re-sync of a new version with nothing changed (download,
 * parse and diff, no writes).
 */
public final class SyncBenchmark {

    /** What to measure: the workspace's size and how many times each re-sync runs. */
    public record Options(int resources, int rounds) {}

    private static final String[] TYPES = {
        "aws_s3_bucket", "aws_db_instance", "aws_instance", "aws_iam_role", "aws_sqs_queue",
        "aws_lambda_function", "aws_security_group", "aws_subnet", "aws_route53_record", "aws_cloudwatch_log_group"
    };
    private static final int PER_RESOURCE = 5;

    private SyncBenchmark() {}

    /**
     * @param terraformCloud makes the Terraform Cloud source for a base URL (the stand-in's)
     */
    public static void run(
            DatabaseSettings settings, Options options, Function<URI, StateSource> terraformCloud, PrintStream out)
            throws IOException, InterruptedException {
        try (FakeTerraformCloud tfc = new FakeTerraformCloud();
                Database database = Database.open(settings)) {
            WorkspaceConfig workspace = FakeTerraformCloud.workspace("bench");
            SyncService sync = new SyncService(
                    new Store(database, InstantSource.system()).syncRepository(),
                    List.of(workspace),
                    terraformCloud.apply(tfc.baseUrl()),
                    null,
                    new SimpleMeterRegistry(),
                    InstantSource.system(),
                    new SyncService.Settings(
                            "bench",
                            Duration.ofSeconds(60),
                            Duration.ZERO,
                            SynchronizationConfig.defaults().scheduled()));
            try {
                byte[] state = state(options.resources(), 0);
                out.printf(
                        Locale.ROOT,
                        "sync benchmark: %,d resource instances (%,d bytes of state) on %s%n",
                        options.resources(),
                        state.length,
                        database.dialect().name());
                long serial = 1;
                tfc.publish("sv-" + serial, serial, state);
                report(out, "first full sync, cold JVM (download, parse, map, insert)", List.of(timed(sync)));

                List<Timed> emptied = new ArrayList<>();
                List<Timed> full = new ArrayList<>();
                byte[] empty = state(0, 0);
                for (int i = 0; i < options.rounds(); i++) {
                    serial++;
                    tfc.publish("sv-" + serial, serial, empty);
                    emptied.add(timed(sync));
                    serial++;
                    tfc.publish("sv-" + serial, serial, state);
                    full.add(timed(sync));
                }
                report(out, "full sync (download, parse, map, insert)", full);
                report(out, "state emptied (every entity removed)", emptied);

                List<Timed> unchanged = new ArrayList<>();
                for (int i = 0; i < options.rounds(); i++) {
                    unchanged.add(timed(sync));
                }
                report(out, "re-sync, state version unchanged (no download)", unchanged);

                List<Timed> changed = new ArrayList<>();
                List<Timed> same = new ArrayList<>();
                for (int i = 0; i < options.rounds(); i++) {
                    serial++;
                    tfc.publish("sv-" + serial, serial, state(options.resources(), serial));
                    changed.add(timed(sync));
                    serial++;
                    tfc.publish("sv-" + serial, serial, state(options.resources(), serial - 1));
                    same.add(timed(sync));
                }
                report(out, "re-sync, new version, 1% of resources changed", changed);
                report(out, "re-sync, new version, same content (download, parse, diff)", same);
                out.printf(Locale.ROOT, "state downloads: %d%n", tfc.downloads());
            } finally {
                sync.close(Duration.ofSeconds(5));
            }
        }
    }

    private record Timed(Duration took, SyncRecord record) {}

    private static Timed timed(SyncService sync) throws InterruptedException {
        long start = System.nanoTime();
        SyncRecord record = sync.runNow("bench", Trigger.MANUAL, Duration.ofMinutes(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (record.status() != SyncStatus.SUCCEEDED) {
            throw new IllegalStateException(
                    "a benchmark sync failed: " + record.error().orElse("?"));
        }
        return new Timed(took, record);
    }

    private static void report(PrintStream out, String what, List<Timed> runs) {
        List<Long> millis = runs.stream().map(t -> t.took().toMillis()).sorted().toList();
        SyncRecord last = runs.getLast().record();
        out.printf(
                Locale.ROOT,
                "  %-62s median %6d ms  (min %d, max %d, %d runs)  %s%n",
                what,
                millis.get(millis.size() / 2),
                millis.getFirst(),
                millis.getLast(),
                millis.size(),
                last.counts());
    }

    /**
     * A state of {@code resources} instances, in {@link #PER_RESOURCE}-instance resources spread over
     * modules; {@code variant} changes the {@code Revision} tag of 1% of them.
     */
    static byte[] state(int resources, long variant) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(resources * 700);
        try (JsonGenerator json = new JsonFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("version", 4);
            json.writeStringField("terraform_version", "1.9.8");
            json.writeNumberField("serial", 1);
            json.writeStringField("lineage", "0b7e2f9d-bench-4c1a-9d55-8c0f6a523f4e");
            json.writeObjectFieldStart("outputs");
            json.writeEndObject();
            json.writeArrayFieldStart("resources");
            for (int first = 0; first < resources; first += PER_RESOURCE) {
                int group = first / PER_RESOURCE;
                String type = TYPES[group % TYPES.length];
                json.writeStartObject();
                json.writeStringField("module", "module.m" + (group % 40));
                json.writeStringField("mode", "managed");
                json.writeStringField("type", type);
                json.writeStringField("name", "r" + group);
                json.writeStringField("provider", "provider[\"registry.terraform.io/hashicorp/aws\"]");
                json.writeArrayFieldStart("instances");
                for (int i = first; i < Math.min(resources, first + PER_RESOURCE); i++) {
                    instance(json, type, group, i, variant);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void instance(JsonGenerator json, String type, int group, int i, long variant) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index_key", i % PER_RESOURCE);
        json.writeNumberField("schema_version", 0);
        json.writeObjectFieldStart("attributes");
        String id = type.replace('_', '-') + "-" + i;
        json.writeStringField("id", id);
        json.writeStringField("arn", "arn:aws:" + type + ":eu-west-1:123456789012:" + id);
        json.writeStringField("name", id);
        json.writeStringField("region", "eu-west-1");
        json.writeNumberField("size", i % 500);
        json.writeStringField("password", "bench-secret-" + i);
        json.writeArrayFieldStart("rule");
        json.writeStartObject();
        json.writeNumberField("port", 443);
        json.writeStringField("cidr", "10.0." + (i % 250) + ".0/24");
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectFieldStart("tags");
        json.writeStringField("Name", id);
        json.writeStringField("Team", "team-" + (group % 12));
        json.writeStringField("Revision", i % 100 == 0 && variant > 0 ? "r" + variant : "r0");
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("sensitive_attributes");
        json.writeStartArray();
        json.writeStartObject();
        json.writeStringField("type", "get_attr");
        json.writeStringField("value", "password");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndArray();
        if (group > 0) {
            json.writeArrayFieldStart("dependencies");
            json.writeString(
                    "module.m" + ((group - 1) % 40) + "." + TYPES[(group - 1) % TYPES.length] + ".r" + (group - 1));
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
