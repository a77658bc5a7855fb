/**
 * The bench room: measurements of the catalog store at scale, run by {@code tfsync bench} or
 * directly through {@link io.tfsync.bench.CatalogBenchmark#main}. It uses the store's front door and
 * the catalog's role interface like any other caller; it must not import the store's internals, the
 * web layer or the CLI.
 */
package io.tfsync.bench;
