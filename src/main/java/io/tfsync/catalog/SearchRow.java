package io.tfsync.catalog;

/**
 * One leaf of an entity in the search table: the lower-cased dotted key, the lower-cased value used
 * for matching and ordering, and the value as written, returned by facets. Values are null where
 * the leaf is null or too long to index.
 */
public record SearchRow(String key, String value, String originalValue) {}
