package io.tfsync.catalog;

import java.util.List;

/**
 * Backstage's {@code fullTextFilterTerm}: entities where any of {@code fields} contains the term,
 * case-insensitively.
 */
public record FullTextFilter(String term, List<String> fields) {
    public FullTextFilter {
        term = SearchRows.normalize(term);
        fields = fields.stream().map(SearchRows::normalize).toList();
    }
}
