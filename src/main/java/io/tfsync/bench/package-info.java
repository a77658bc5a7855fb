/**
 * The bench room: measurements of the catalog at scale, run by {@code tfsync bench catalog}. {@link
 * io.tfsync.bench.CatalogBenchmark} measures the store alone through the catalog's role interface;
 * {@link io.tfsync.bench.CatalogApiBenchmark} starts the whole service through {@link
 * io.tfsync.Application} and measures it over HTTP, as a Backstage user meets it; {@link
 * io.tfsync.bench.SyncBenchmark} ({@code tfsync bench sync}) times syncs, and {@link
 * io.tfsync.bench.EventsBenchmark} ({@code tfsync bench events}) the event stream, with {@link
 * io.tfsync.bench.IdleLongPolls} measuring a service in a child JVM. Figures go to
 * {@code docs/benchmarks.md}; nothing here is a test, and no test here times anything.
 */
package io.tfsync.bench;
