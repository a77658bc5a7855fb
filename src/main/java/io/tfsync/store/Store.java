package io.tfsync.store;

import io.tfsync.catalog.EntityRepository;
import io.tfsync.events.CommittedEvents;
import io.tfsync.events.EventLog;
import io.tfsync.sync.SyncRepository;
import io.tfsync.webhooks.WebhookRepository;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The store's front door: the persistent implementations of the domain rooms' role interfaces, all
 * on one open {@link Database}. The store does not own the database; whoever opened it closes it.
 *
 * <pre>{@code
 * try (Database database = Database.open(DatabaseSettings.of("jdbc:sqlite:./tfsync-data/tfsync.db"))) {
 *     EntityRepository entities = new Store(database, InstantSource.system()).entityRepository();
 *     ...
 * }
 * }</pre>
 */
public final class Store {

    private final Database database;
    private final EntityRepository entities;
    private final SyncRepository syncs;
    private final EventLog events;
    private final WebhookRepository webhooks;

    /** A store whose writes tell no one of their events; for tools that only write or only read. */
    public Store(Database database, InstantSource clock) {
        this(database, clock, CommittedEvents.NONE);
    }

    /**
     * @param clock the source of every timestamp the store writes; tests pass a settable one
     * @param committed told after each write transaction that appended events has committed
     */
    public Store(Database database, InstantSource clock, CommittedEvents committed) {
        this.database = Objects.requireNonNull(database, "database");
        this.entities = new JdbiEntityRepository(database, Objects.requireNonNull(clock, "clock"), committed);
        this.syncs = new JdbiSyncRepository(database, clock, committed);
        this.events = new JdbiEventLog(database);
        this.webhooks = new JdbiWebhookRepository(database, clock);
    }

    /** Webhook tokens and accepted deliveries. */
    public WebhookRepository webhookRepository() {
        return webhooks;
    }

    /** The catalog event log, for reading and trimming. */
    public EventLog eventLog() {
        return events;
    }

    /** The catalog's entities. */
    public EntityRepository entityRepository() {
        return entities;
    }

    /** Workspaces, their locks and the sync history. */
    public SyncRepository syncRepository() {
        return syncs;
    }

    public Database database() {
        return database;
    }
}
