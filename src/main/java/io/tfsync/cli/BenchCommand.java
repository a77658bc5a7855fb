package io.tfsync.cli;

import io.tfsync.bench.CatalogApiBenchmark;
import io.tfsync.bench.CatalogBenchmark;
import io.tfsync.bench.EventsBenchmark;
import io.tfsync.bench.SyncBenchmark;
import io.tfsync.bench.WebhookBenchmark;
import io.tfsync.config.Secret;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.TerraformCloudConfig;
import io.tfsync.sources.StateSource;
import io.tfsync.sources.TfcStateSource;
import io.tfsync.store.DatabaseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfsync bench catalog|sync|events}: measures at scale and prints the figures. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks; prints figures, changes nothing but the database it is given.",
        subcommands = {
            BenchCommand.Catalog.class,
            BenchCommand.Sync.class,
            BenchCommand.Events.class,
            BenchCommand.Webhook.class
        })
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** The real Terraform Cloud source, pointed at a benchmark's stand-in for its API. */
    private static StateSource terraformCloud(URI standIn) {
        return new TfcStateSource(
                new TerraformCloudConfig(standIn, Optional.of(new Secret("bench-token"))),
                SynchronizationConfig.defaults().retry());
    }

    /**
     * The database a benchmark writes to; with no URL, a fresh SQLite file in a temporary folder that
     * {@link #close} deletes.
     */
    static final class DatabaseOptions {
        @Option(names = "--database-url", paramLabel = "URL", description = "JDBC URL of an empty database.")
        String url;

        @Option(names = "--user", description = "Database user.")
        String user;

        @Option(names = "--password", description = "Database password.")
        String password;

        @Option(names = "--schema", description = "PostgreSQL schema (created when missing; should be empty).")
        String schema;

        private Path temp;

        DatabaseSettings open() throws IOException {
            String jdbc = url;
            if (jdbc == null) {
                temp = Files.createTempDirectory("tfsync-bench-");
                jdbc = "jdbc:sqlite:" + temp.resolve("tfsync.db");
            }
            return new DatabaseSettings(jdbc, user, password, schema);
        }

        void close() {
            if (temp == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // a leftover temp folder is harmless
            }
        }
    }

    @Override
    public void run() {
        throw new UsageException("Missing a benchmark, e.g. 'tfsync bench catalog'");
    }

    @Command(
            name = "catalog",
            mixinStandardHelpOptions = true,
            description = {
                "Loads N Resource entities, then measures by-name reads and a by-query page-through of all of them.",
                "--level api (default) measures over HTTP against the running service; --level store measures"
                        + " the store alone.",
                "With no --database-url: a fresh SQLite file in a temporary folder, deleted afterwards."
            })
    static final class Catalog implements Callable<Integer> {

        enum Level {
            api,
            store
        }

        @Mixin
        DatabaseOptions database;

        @Option(
                names = "--entities",
                defaultValue = "100000",
                description = "Entities to load (default ${DEFAULT-VALUE}).")
        int entities;

        @Option(
                names = "--read-seconds",
                defaultValue = "10",
                description = "Seconds per read phase (default ${DEFAULT-VALUE}).")
        int readSeconds;

        @Option(
                names = "--clients",
                defaultValue = "8",
                description = "Concurrent clients in the second read phase (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(
                names = "--page-size",
                defaultValue = "500",
                description = "by-query page size (default ${DEFAULT-VALUE}).")
        int pageSize;

        @Option(names = "--level", defaultValue = "api", description = "api or store (default ${DEFAULT-VALUE}).")
        Level level;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (entities < 1 || readSeconds < 1 || clients < 1 || pageSize < 1) {
                throw new UsageException("--entities, --read-seconds, --clients and --page-size must be at least 1");
            }
            try {
                DatabaseSettings settings = database.open();
                PrintStream out = System.out;
                if (level == Level.store) {
                    CatalogBenchmark.run(
                            settings,
                            new CatalogBenchmark.Options(entities, 1_000, Duration.ofSeconds(readSeconds), pageSize),
                            out);
                } else {
                    CatalogApiBenchmark.run(
                            settings,
                            new CatalogApiBenchmark.Options(
                                    entities, Duration.ofSeconds(readSeconds), clients, pageSize),
                            out);
                }
                return TfsyncCommand.OK;
            } catch (IOException e) {
                throw new UncheckedIOException("the temporary folder could not be made", e);
            } finally {
                database.close();
            }
        }
    }

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description = {
                "Syncs a workspace of N resource instances from a stand-in for Terraform Cloud's API on loopback:",
                "the first full sync, then re-syncs (version unchanged; 1% changed; same content under a new"
                        + " version), each timed.",
                "With no --database-url: a fresh SQLite file in a temporary folder, deleted afterwards."
            })
    static final class Sync implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(
                names = "--resources",
                defaultValue = "10000",
                description = "Resource instances in the workspace (default ${DEFAULT-VALUE}).")
        int resources;

        @Option(
                names = "--rounds",
                defaultValue = "5",
                description = "Runs of each re-sync (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws InterruptedException {
            if (resources < 1 || rounds < 1) {
                throw new UsageException("--resources and --rounds must be at least 1");
            }
            try {
                SyncBenchmark.run(
                        database.open(),
                        new SyncBenchmark.Options(resources, rounds),
                        BenchCommand::terraformCloud,
                        System.out);
                return TfsyncCommand.OK;
            } catch (IOException e) {
                throw new UncheckedIOException("the benchmark could not set up: " + e.getMessage(), e);
            } finally {
                database.close();
            }
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = {
                "Measures the catalog event stream over HTTP. Loads N entities (about N events) and reads them all"
                        + " in pages of 1,000.",
                "Times commit-to-response for consumers waiting in long polls (on PostgreSQL also with the writer"
                        + " on a second instance).",
                "Measures the resident memory of the service, in a child JVM, holding --idle waiting long polls.",
                "With no --database-url: a fresh SQLite file in a temporary folder, deleted afterwards."
            })
    static final class Events implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(
                names = "--events",
                defaultValue = "200000",
                description = "Events to load and read (default ${DEFAULT-VALUE}).")
        int events;

        @Option(
                names = "--consumers",
                defaultValue = "20",
                description = "Consumers waiting in long polls while the writer commits (default ${DEFAULT-VALUE}).")
        int consumers;

        @Option(
                names = "--commits",
                defaultValue = "300",
                description = "Commits timed, one entity each, 17-52 ms apart (default ${DEFAULT-VALUE}).")
        int commits;

        @Option(
                names = "--idle",
                defaultValue = "10000",
                description = "Idle long polls held open against the child JVM; 0 skips that phase"
                        + " (default ${DEFAULT-VALUE}).")
        int idle;

        @Option(
                names = "--child-xmx",
                paramLabel = "SIZE",
                description = "-Xmx of the child JVM in the idle phase, e.g. 256m (default: the JVM's own).")
        String childXmx;

        @Override
        public Integer call() {
            if (events < 1 || consumers < 1 || commits < 1 || idle < 0) {
                throw new UsageException("--events, --consumers and --commits must be at least 1, --idle at least 0");
            }
            try {
                EventsBenchmark.run(
                        database.open(),
                        new EventsBenchmark.Options(
                                events, consumers, commits, Duration.ofMillis(35), idle, Optional.ofNullable(childXmx)),
                        System.out);
                return TfsyncCommand.OK;
            } catch (IOException e) {
                throw new UncheckedIOException("the temporary folder could not be made", e);
            } finally {
                database.close();
            }
        }
    }

    @Command(
            name = "webhook",
            mixinStandardHelpOptions = true,
            description = {
                "Times a Terraform Cloud delivery (run applied) until a consumer long-polling the event stream",
                "has the change: 10 of the workspace's resources change each round, served by a stand-in for",
                "Terraform Cloud's API on loopback. With no --database-url: a fresh SQLite file, deleted afterwards."
            })
    static final class Webhook implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(
                names = "--rounds",
                defaultValue = "100",
                description = "Deliveries to time (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--resources",
                defaultValue = "50",
                description = "Resources in the workspace, at least 10 (default ${DEFAULT-VALUE}).")
        int resources;

        @Override
        public Integer call() throws InterruptedException {
            if (rounds < 1 || resources < 10) {
                throw new UsageException("--rounds must be at least 1 and --resources at least 10");
            }
            try {
                WebhookBenchmark.run(
                        database.open(),
                        new WebhookBenchmark.Options(rounds, resources),
                        BenchCommand::terraformCloud,
                        System.out);
                return TfsyncCommand.OK;
            } catch (IOException e) {
                throw new UncheckedIOException("the benchmark could not set up: " + e.getMessage(), e);
            } finally {
                database.close();
            }
        }
    }
}
