package io.tfsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.TenantScope;
import io.tfsync.store.Store;
import io.tfsync.testing.Entities;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two writers on PostgreSQL where the one that starts first commits last. A reader polling in between
 * must never later find an event below an offset it has already read past: with offsets from a
 * sequence (taken when the slow writer inserted its entity) it would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateCommitTest {

    private static final long GATE = 8_219;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestDatabase database;
    private EntityRepository entities;
    private EventLog log;
    private Connection gate;

    @BeforeAll
    void open() {
        database = TestDatabases.postgres();
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void start() throws Exception {
        database.clear();
        Store store = new Store(database.database(), InstantSource.system());
        entities = store.entityRepository();
        log = store.eventLog();
        gate = DriverManager.getConnection(
                database.settings().url(),
                database.settings().user(),
                database.settings().password());
    }

    @AfterEach
    void stop() throws Exception {
        gate.close();
        database.execute(
                "DROP TRIGGER IF EXISTS hold_slow ON entities",
                "DROP TRIGGER IF EXISTS hold_slow ON events",
                "DROP FUNCTION IF EXISTS hold_slow()");
    }

    /** Rows of {@code table} whose text mentions "slow" wait for the gate (an advisory lock) to open. */
    private void holdSlowRowsOf(String table, String column) throws Exception {
        database.execute(
                """
                CREATE FUNCTION hold_slow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.%s LIKE '%%slow%%' THEN PERFORM pg_advisory_xact_lock_shared(%d); END IF;
                    RETURN NEW;
                END $$
                """.formatted(column, GATE),
                "CREATE TRIGGER hold_slow BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION hold_slow()");
        try (Statement statement = gate.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + GATE + ")");
        }
    }

    private void openGate() throws Exception {
        try (Statement statement = gate.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + GATE + ")");
        }
    }

    private CompletableFuture<Void> write(String group) {
        // Own threads: the common pool may have one worker on a small machine, and the slow writer holds it.
        return CompletableFuture.runAsync(
                () -> entities.apply(new ChangeSet(
                        "acme",
                        "catalog:" + group,
                        List.of(Entities.group(group).build()),
                        List.of())),
                runnable -> Thread.ofVirtual().start(runnable));
    }

    private EventPage read(long after) {
        return log.read(new EventQuery(TenantScope.ALL, after, 100, Set.of(), Optional.empty()));
    }

    private boolean blockedOnGate() {
        return database.queryLong(
                        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ?", GATE)
                > 0;
    }

    @Test
    void a_writer_that_started_first_but_commits_last_gets_an_offset_after_everything_already_read() throws Exception {
        write("before").get(30, TimeUnit.SECONDS); // the tenant exists: creating it would order the writers
        holdSlowRowsOf("entities", "name");
        CompletableFuture<Void> slow = write("slow");
        await().atMost(WAIT).until(this::blockedOnGate);

        write("fast").get(30, TimeUnit.SECONDS);
        EventPage first = read(1);
        assertThat(first.events()).extracting(CatalogEvent::entityRef).containsExactly("group:default/fast");
        long readUpTo = first.lastEventOffset();

        openGate();
        slow.get(30, TimeUnit.SECONDS);
        EventPage next = read(readUpTo);
        assertThat(next.events()).extracting(CatalogEvent::entityRef).containsExactly("group:default/slow");
        assertThat(next.events().getFirst().offset()).isGreaterThan(readUpTo);
        assertThat(read(0).events()).extracting(CatalogEvent::offset).containsExactly(1L, 2L, 3L);
    }

    @Test
    void offsets_handed_out_but_not_yet_committed_are_invisible_and_later_writers_wait_behind_them() throws Exception {
        write("before").get(30, TimeUnit.SECONDS);
        holdSlowRowsOf("events", "entity_ref");
        CompletableFuture<Void> slow = write("slow"); // holds the offset counter, uncommitted
        await().atMost(WAIT).until(this::blockedOnGate);
        CompletableFuture<Void> fast = write("fast"); // waits for the counter

        EventPage during = read(0);
        assertThat(during.events()).extracting(CatalogEvent::entityRef).containsExactly("group:default/before");
        assertThat(during.lastEventOffset()).isEqualTo(1);
        assertThat(fast).isNotDone();

        openGate();
        slow.get(30, TimeUnit.SECONDS);
        fast.get(30, TimeUnit.SECONDS);
        EventPage after = read(during.lastEventOffset());
        assertThat(after.events())
                .extracting(CatalogEvent::entityRef)
                .containsExactly("group:default/slow", "group:default/fast");
        assertThat(after.events()).extracting(CatalogEvent::offset).containsExactly(2L, 3L);
    }
}
