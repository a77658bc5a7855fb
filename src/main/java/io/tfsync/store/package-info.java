/**
 * The store room: everything that touches SQL. It opens the database ({@link io.tfsync.store.Database}
 * on SQLite or PostgreSQL, migrated by Flyway from {@code db/migration}), keeps the differences
 * between the two in one {@link io.tfsync.store.Dialect}, and implements the domain rooms' role
 * interfaces with JDBI behind one front door, {@link io.tfsync.store.Store}. Implementations stay
 * package-private; each keeps its statements as named constants at the top of its class.
 *
 * <p>It may import the domain rooms whose roles it implements ({@code catalog}), JDBI, Flyway,
 * HikariCP and {@code java.sql}; it must not import the web layer ({@code http}, Javalin) or the
 * services that use it ({@code sync}, {@code cli}).
 */
package io.tfsync.store;
