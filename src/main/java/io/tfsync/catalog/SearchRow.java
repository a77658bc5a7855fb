package io.tfsync.catalog;

/**
 * One leaf of an entity in the search table (see {@link SearchRows}): the lower-cased dotted key,
 * the lower-cased (never trimmed) value used for matching and ordering, and the value as written,
 * returned by facets. Both values are null where the leaf is null or too long to index.
 */
public record SearchRow(String key, String value, String originalValue) {}
