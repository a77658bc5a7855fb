/**
 * Shared test fixtures, for every room's tests: fresh databases per test class ({@link
 * io.tfsync.testing.TestDatabases}: SQLite in a temporary file, PostgreSQL in a throw-away schema,
 * skipped with a message when PostgreSQL is not running, failed when {@code CI=true}), entity
 * builders with sane defaults ({@link io.tfsync.testing.Entities}) and a clock tests move by hand
 * ({@link io.tfsync.testing.SettableClock}). Test-only: main code never imports it.
 */
package io.tfsync.testing;
