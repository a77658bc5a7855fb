package io.tfsync.catalog;

/** How many visible entities carry a value at a facet's path (value as stored, not lower-cased). */
public record FacetCount(String value, long count) {}
