/**
 * The catalog room: Backstage's entity model. Entity refs, validation with Backstage's own rules,
 * canonical JSON and content hashing, the search rows that answer filters, the relations derived from
 * a spec, and the query model of the catalog API. Its role interface {@link
 * io.tfsync.catalog.EntityRepository} is implemented in {@code store}.
 *
 * <p>Pure domain code: it imports no web framework, no JDBI and no {@code java.sql}.
 */
package io.tfsync.catalog;
