/**
 * The catalog room: Backstage's entity model, made to behave as Backstage's own code does. Entity
 * refs ({@link io.tfsync.catalog.EntityRef}, {@code parseEntityRef}/{@code stringifyEntityRef}),
 * validation with Backstage's envelope and kind rules ({@link io.tfsync.catalog.EntityValidator},
 * with the field formats in {@link io.tfsync.catalog.FieldFormats} for code that makes names), the
 * relations a spec states ({@link io.tfsync.catalog.Relations}, {@code BuiltinKindsEntityProcessor}),
 * the search rows that answer filters ({@link io.tfsync.catalog.SearchRows}, {@code
 * buildEntitySearch}), the {@code fields} projection ({@link io.tfsync.catalog.EntityFields}),
 * canonical JSON and content hashing, and the query model of the catalog API. The entry point for
 * storing an entity is {@link io.tfsync.catalog.EntityContent#of}; its role interface {@link
 * io.tfsync.catalog.EntityRepository} is implemented in {@code store}.
 *
 * <p>Pure domain code: it imports no web framework, no JDBI and no {@code java.sql}.
 */
package io.tfsync.catalog;
