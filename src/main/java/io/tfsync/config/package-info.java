/**
 * The configuration room: reads {@code tfsync.yaml} into one immutable value tree, {@link
 * io.tfsync.config.TfsyncConfig}, and says precisely what is wrong with a file that cannot be used (file,
 * key path, line and column, what is expected; every problem at once, never a secret). Entry points:
 * {@link io.tfsync.config.ConfigLoader#load} for a file and {@link io.tfsync.config.TfsyncConfig#defaults}
 * for running without one. The YAML is read with Jackson's streaming parser so that each value keeps its
 * position; {@code ${VAR}} references are expanded on the way.
 *
 * <p>It imports only Jackson and {@code catalog} (entity refs); no web framework, no JDBI, no {@code
 * java.sql}. The other rooms receive the records; none of them reads the file.
 */
package io.tfsync.config;
