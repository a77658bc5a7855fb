package io.tfsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.Application;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.ConfigLoader;
import io.tfsync.config.TfsyncConfig;
import io.tfsync.config.WorkspaceFolders;
import io.tfsync.sources.FileStateSource;
import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.Store;
import io.tfsync.testing.SettableClock;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.testing.TestStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync process killed (SIGKILL) in the middle of its apply transaction leaves the catalog exactly
 * as it was, its history row says running until another holder takes the workspace after the lease,
 * and the next sync completes. The sync runs as {@code tfsync sync} in a child JVM, so nothing of
 * it survives the kill: no rollback, no unlock, no shutdown hook.
 */
class SyncCrashTest {

    private static final String WORKSPACE = "big";
    private static final int BASELINE_BUCKETS = 300;
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path folder;

    /** The catalog as a sync leaves it: every entity row, and how many derived rows there are. */
    record Catalog(List<List<String>> entities, long searchRows, long relations) {
        static Catalog read(Jdbi jdbi) {
            return jdbi.withHandle(handle -> new Catalog(
                    handle.createQuery("SELECT entity_ref, etag, updated_at FROM entities ORDER BY entity_ref")
                            .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                            .list(),
                    handle.createQuery("SELECT COUNT(*) FROM entity_search")
                            .mapTo(Long.class)
                            .one(),
                    handle.createQuery("SELECT COUNT(*) FROM relations")
                            .mapTo(Long.class)
                            .one()));
        }
    }

    /** Row by row, so a failure names the rows that differ rather than printing two catalogs. */
    private static void assertUnchanged(Catalog after, Catalog baseline) {
        assertThat(after.entities()).as("entity rows after the crash").hasSameSizeAs(baseline.entities());
        assertThat(after.entities()).as("entity rows after the crash").containsExactlyElementsOf(baseline.entities());
        assertThat(after.searchRows()).as("search rows after the crash").isEqualTo(baseline.searchRows());
        assertThat(after.relations()).as("relations after the crash").isEqualTo(baseline.relations());
    }

    /** 302 entities: one changes in the big state, one goes away. */
    private static TestStates baselineState() {
        return TestStates.state()
                .buckets("b", BASELINE_BUCKETS)
                .bucket("logs", "team-a")
                .bucket("gone", "team-a");
    }

    private static TestStates bigState(int buckets) {
        return TestStates.state().serial(2).buckets("b", buckets).bucket("logs", "team-b");
    }

    private static String expectedCounts(int buckets) {
        return "+" + (buckets - BASELINE_BUCKETS) + " ~1 -1";
    }

    private static SyncService service(SyncRepository repository, TfsyncConfig config, SettableClock clock) {
        return new SyncService(
                repository,
                WorkspaceFolders.expand(config.workspaces()),
                new FileStateSource(),
                config.mapping(),
                new SimpleMeterRegistry(),
                clock,
                new SyncService.Settings(
                        "test-" + UUID.randomUUID().toString().substring(0, 8),
                        Application.SyncOptions.DEFAULT_LEASE,
                        Duration.ZERO,
                        config.synchronization().scheduled()));
    }

    /** A clock past the lease the killed child took, so its lock counts as abandoned. */
    private static SettableClock pastTheChildsLease() {
        SettableClock clock = new SettableClock();
        clock.set(Instant.now().plus(Application.SyncOptions.DEFAULT_LEASE).plusSeconds(1));
        return clock;
    }

    private static SettableClock now() {
        SettableClock clock = new SettableClock();
        clock.set(Instant.now());
        return clock;
    }

    private static String status(Jdbi jdbi, String syncId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT status FROM sync_runs WHERE id = :id")
                .bind("id", syncId)
                .mapTo(String.class)
                .one());
    }

    private static void assertFollowUpCompletes(SyncService service, String abandonedId, int buckets)
            throws InterruptedException {
        SyncRecord next = service.runNow(WORKSPACE, Trigger.CLI, WAIT);
        assertThat(next.status()).as("the sync after the crash: %s", next).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(next.counts()).isEqualTo(expectedCounts(buckets));
        SyncRecord abandoned =
                service.history().byId(TenantScope.ALL, abandonedId).orElseThrow();
        assertThat(abandoned.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(abandoned.errorKind()).contains("abandoned");
        assertThat(abandoned.finishedAt()).isPresent();
    }

    // PostgreSQL ---------------------------------------------------------------------------------

    @Test
    void postgres_a_sync_killed_in_the_middle_of_its_apply_leaves_the_catalog_as_before_and_the_next_sync_completes()
            throws Exception {
        int buckets = 10_000;
        try (TestDatabase database = TestDatabases.postgres()) {
            DatabaseSettings db = database.settings();
            // The child's connections carry a name of their own, to find its backend among others'.
            String application = "tfsync-crash-" + UUID.randomUUID().toString().substring(0, 8);
            String url = db.url() + (db.url().contains("?") ? "&" : "?") + "ApplicationName=" + application;
            String yaml =
                    "database:\n  url: \"" + url + "\"\n  user: " + db.user() + "\n  schema: " + db.schema() + "\n";
            Map<String, String> env = Map.of();
            if (db.password() != null) {
                yaml += "  password: ${TFSYNC_CRASH_TEST_PASSWORD}\n";
                env = Map.of("TFSYNC_CRASH_TEST_PASSWORD", db.password());
            }
            Path state = baselineState().write(folder.resolve("big.tfstate"));
            Path config = ChildSync.writeConfig(folder.resolve("tfsync.yaml"), yaml, WORKSPACE, state);
            TfsyncConfig loaded = ConfigLoader.load(config);
            Jdbi jdbi = database.jdbi();

            Catalog baseline;
            SettableClock clock = now();
            try (SyncService first = service(database.store(clock).syncRepository(), loaded, clock)) {
                assertThat(first.runNow(WORKSPACE, Trigger.CLI, WAIT).counts()).isEqualTo("+302 ~0 -0");
                baseline = Catalog.read(jdbi);
            }
            bigState(buckets).write(state);

            String running;
            try (ChildSync child = ChildSync.start(config, WORKSPACE, folder.resolve("child.log"), env)) {
                running = awaitRunning(jdbi, child);
                // Holding the running row means the child cannot mark it succeeded, so it cannot commit
                // before it dies, however fast it is; the kill itself waits for it to be writing entities.
                try (Handle holder = jdbi.open()) {
                    holder.begin();
                    assertThat(holder.createQuery("SELECT status FROM sync_runs WHERE id = :id FOR UPDATE")
                                    .bind("id", running)
                                    .mapTo(String.class)
                                    .one())
                            .as("the child finished before the test could hold its row; give it a bigger state")
                            .isEqualTo("running");
                    await("the child writing entities in its apply transaction")
                            .atMost(WAIT)
                            .pollInterval(Duration.ofMillis(5))
                            .until(() -> {
                                assertAlive(child);
                                return writingEntities(jdbi, application);
                            });
                    child.kill();
                    holder.rollback();
                }
            }
            await("the killed child's backends to end").atMost(WAIT).until(() -> backends(jdbi, application) == 0);

            assertUnchanged(Catalog.read(jdbi), baseline);
            assertThat(status(jdbi, running)).isEqualTo("running");

            SettableClock later = pastTheChildsLease();
            try (SyncService next = service(database.store(later).syncRepository(), loaded, later)) {
                assertThat(next.history().lastSynced(WORKSPACE).orElseThrow().serial())
                        .as("what the last successful sync saw")
                        .contains(1L);
                assertFollowUpCompletes(next, running, buckets);
            }
            assertThat(database.queryLong("SELECT COUNT(*) FROM entities")).isEqualTo(buckets + 1);
        }
    }

    private static String awaitRunning(Jdbi jdbi, ChildSync child) {
        return await("the child's sync to be running")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(5))
                .until(
                        () -> {
                            assertAlive(child);
                            return jdbi.withHandle(handle -> handle.createQuery(
                                            "SELECT id FROM sync_runs WHERE workspace = :w AND status = 'running'")
                                    .bind("w", WORKSPACE)
                                    .mapTo(String.class)
                                    .findOne());
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    private static void assertAlive(ChildSync child) {
        if (!child.alive()) {
            throw new AssertionError("the child sync exited before the test could kill it:\n" + child.output());
        }
    }

    /** Whether a backend of the child is inside a transaction whose statement writes entities or their rows. */
    private static boolean writingEntities(Jdbi jdbi, String application) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                                SELECT COUNT(*) FROM pg_stat_activity
                                WHERE application_name = :app AND xact_start IS NOT NULL
                                  AND state IN ('active', 'idle in transaction')
                                  AND query ILIKE 'insert into entit%'
                                """)
                        .bind("app", application)
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    private static long backends(Jdbi jdbi, String application) {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = :app")
                        .bind("app", application)
                        .mapTo(Long.class)
                        .one());
    }

    // SQLite -------------------------------------------------------------------------------------

    /** Whether an attempt on SQLite cut the apply transaction, or the commit won the race. */
    private enum Outcome {
        CUT_MID_APPLY,
        NOT_CUT
    }

    @Test
    void sqlite_a_sync_killed_in_the_middle_of_its_apply_leaves_the_catalog_as_before_and_the_next_sync_completes()
            throws Exception {
        // The kill lands a random moment into the child's write transaction; should the commit win
        // the race, try again with a bigger state, until one kill has cut an apply in the middle.
        int buckets = 10_000;
        for (int attempt = 1; attempt <= 4; attempt++, buckets *= 2) {
            if (sqliteAttempt(Files.createDirectories(folder.resolve("attempt-" + attempt)), buckets)
                    == Outcome.CUT_MID_APPLY) {
                return;
            }
        }
        fail("no kill cut the apply transaction in the middle in 4 attempts");
    }

    private Outcome sqliteAttempt(Path dir, int buckets) throws Exception {
        Path file = dir.resolve("tfsync.db");
        String url = "jdbc:sqlite:" + file;
        Path state = baselineState().write(dir.resolve("big.tfstate"));
        Path config = ChildSync.writeConfig(
                dir.resolve("tfsync.yaml"), "database:\n  url: \"" + url + "\"\n", WORKSPACE, state);
        TfsyncConfig loaded = ConfigLoader.load(config);
        DatabaseSettings settings = DatabaseSettings.of(url);

        Catalog baseline;
        try (Database database = Database.open(settings)) {
            SettableClock clock = now();
            try (SyncService first = service(new Store(database, clock).syncRepository(), loaded, clock)) {
                assertThat(first.runNow(WORKSPACE, Trigger.CLI, WAIT).counts()).isEqualTo("+302 ~0 -0");
            }
            baseline = Catalog.read(Jdbi.create(database.dataSource()));
        }
        bigState(buckets).write(state);

        String running;
        boolean writing;
        try (ChildSync child = ChildSync.start(config, WORKSPACE, dir.resolve("child.log"), Map.of())) {
            // A plain connection, closed before the kill: the database is then opened afresh after
            // the crash, and SQLite has to recover from the WAL the dead writer left.
            try (Connection probe = DriverManager.getConnection(url);
                    Statement statement = probe.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                running = await("the child's sync to be running")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(5))
                        .until(
                                () -> {
                                    assertAlive(child);
                                    return runningSync(statement);
                                },
                                Optional::isPresent)
                        .orElseThrow();
                // After the running row, the child's next write is its apply transaction.
                await("the child's apply transaction to take the write lock")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(2))
                        .until(() -> {
                            assertAlive(child);
                            return writerActive(statement);
                        });
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 200));
                writing = writerActive(statement);
            }
            child.kill();
        }

        try (Database database = Database.open(settings)) {
            Jdbi jdbi = Jdbi.create(database.dataSource());
            Catalog after = Catalog.read(jdbi);
            if (status(jdbi, running).equals("succeeded")) {
                // The commit won: all of the new state and none of the old.
                assertThat(after.entities()).hasSize(buckets + 1);
                assertThat(after.entities()).noneMatch(row -> row.getFirst().contains("gone"));
                assertThat(after.searchRows()).isGreaterThan(baseline.searchRows());
                return Outcome.NOT_CUT;
            }
            assertUnchanged(after, baseline);
            assertThat(status(jdbi, running)).isEqualTo("running");
            SettableClock clock = pastTheChildsLease();
            try (SyncService next = service(new Store(database, clock).syncRepository(), loaded, clock)) {
                assertThat(next.history().lastSynced(WORKSPACE).orElseThrow().serial())
                        .contains(1L);
                assertFollowUpCompletes(next, running, buckets);
            }
            assertThat(Catalog.read(jdbi).entities()).hasSize(buckets + 1);
            return writing ? Outcome.CUT_MID_APPLY : Outcome.NOT_CUT;
        }
    }

    private static Optional<String> runningSync(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "SELECT id FROM sync_runs WHERE workspace = '" + WORKSPACE + "' AND status = 'running'")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Whether another connection holds SQLite's write lock: then this one cannot begin a write. */
    private static boolean writerActive(Statement statement) throws SQLException {
        try {
            statement.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                return true;
            }
            throw e;
        }
        statement.execute("ROLLBACK");
        return false;
    }
}
