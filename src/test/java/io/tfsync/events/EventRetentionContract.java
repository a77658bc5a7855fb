package io.tfsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.EventsConfig;
import io.tfsync.store.Store;
import io.tfsync.testing.Entities;
import io.tfsync.testing.PerClassDatabase;
import io.tfsync.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention of the event log by age and by count, with compaction, on each database (thin subclasses). */
abstract class EventRetentionContract extends PerClassDatabase {

    private final SettableClock clock = new SettableClock();
    private EntityRepository entities;
    private EventLog log;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void empty() {
        database().clear();
        clock.set(SettableClock.START);
        Store store = database().store(clock);
        entities = store.entityRepository();
        log = store.eventLog();
        meters = new SimpleMeterRegistry();
    }

    private EventRetention retention(Duration maxAge, long maxEvents) {
        return new EventRetention(
                log,
                new EventsConfig.Retention(maxAge, maxEvents),
                new EventMetrics(meters, new EventSignal()),
                Clock.fixed(clock.instant(), ZoneOffset.UTC));
    }

    private void put(String... groups) {
        entities.apply(new ChangeSet(
                "acme",
                "catalog:test",
                java.util.Arrays.stream(groups)
                        .map(g -> Entities.group(g).build())
                        .toList(),
                List.of()));
    }

    private void remove(String group) {
        entities.apply(new ChangeSet("acme", "catalog:test", List.of(), List.of(EntityRef.parse("group:" + group))));
    }

    private List<String> all() {
        return log.read(new EventQuery(TenantScope.ALL, 0, 1000, Set.of(), Optional.empty())).events().stream()
                .map(e -> e.offset() + " " + e.type().wireName() + " " + e.entityRef())
                .toList();
    }

    @Test
    void events_older_than_max_age_go_except_the_latest_of_each_entity_that_still_exists() {
        put("a", "b", "c"); // 1-3
        remove("b"); // 4
        clock.advance(Duration.ofDays(10));
        put("d"); // 5

        long removed = retention(Duration.ofDays(7), 1_000).run();

        assertThat(removed).isEqualTo(2); // b's added and removed
        assertThat(all())
                .containsExactly("1 added group:default/a", "3 added group:default/c", "5 added group:default/d");
        assertThat(log.bounds()).isEqualTo(new LogBounds(4, 5));
        assertThat(meters.counter("tfsync.events.retention.deleted").count()).isEqualTo(2);
        assertThatThrownBy(() -> log.read(new EventQuery(TenantScope.ALL, 3, 10, Set.of(), Optional.empty())))
                .isInstanceOf(OffsetGoneException.class)
                .hasMessageContaining("offset 3")
                .satisfies(e ->
                        assertThat(((OffsetGoneException) e).earliestOffset()).isEqualTo(4));
        assertThat(log.read(new EventQuery(TenantScope.ALL, 4, 10, Set.of(), Optional.empty()))
                        .events())
                .hasSize(1);
    }

    @Test
    void beyond_max_events_the_oldest_go_in_batches_and_a_re_added_entity_keeps_only_its_latest() {
        for (int i = 0; i < 25; i++) {
            put("g" + (i % 5)); // 5 added; writing the same content again makes no event
        }
        assertThat(log.bounds().last()).isEqualTo(5);
        remove("g0"); // 6
        put("g0"); // 7 added again
        for (int i = 0; i < 30; i++) {
            put("n" + i); // 8-37
        }

        long removed = retention(Duration.ofDays(365), 10).run(); // keep offsets 28-37, trim through 27

        assertThat(log.bounds()).isEqualTo(new LogBounds(27, 37));
        assertThat(removed).isEqualTo(2); // g0's first added and its removed; every other entity has one event
        assertThat(all()).hasSize(35).doesNotContain("1 added group:default/g0", "6 removed group:default/g0");
        assertThat(all()).contains("7 added group:default/g0", "2 added group:default/g1");
        assertThat(retention(Duration.ofDays(365), 10).run()).isZero();
    }

    @Test
    void a_long_backlog_is_trimmed_in_many_short_transactions_and_the_floor_follows() {
        for (int i = 0; i < 20; i++) {
            put("t" + i);
        }
        for (int i = 0; i < 20; i++) {
            remove("t" + i);
        }

        assertThat(log.trim(40, 7)).isEqualTo(40);
        assertThat(log.bounds()).isEqualTo(new LogBounds(40, 40));
        assertThat(all()).isEmpty();
    }
}
