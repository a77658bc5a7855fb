package io.tfsync.store;

import io.tfsync.catalog.EntityOrder;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.PagePosition;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Finds the positions (uid and sort values) of one page of an {@link EntityQuery}; the entities
 * themselves are read afterwards by uid. An entity's sort value for a field is its lowest value for
 * that key in {@code entity_search}, null when it has none; nulls sort last in both directions, and
 * uid ascending breaks ties. Keyset paging compares against that same tuple, so a page starts
 * strictly after (or, read backwards, before) the given position and never skips or repeats an
 * entity.
 */
final class PageQuery {

    private static final String SORT_VALUE =
            "(SELECT MIN(s.value) FROM entity_search s WHERE s.entity_uid = e.uid AND s.key = %s) AS o%d";

    private PageQuery() {}

    /**
     * Positions of up to {@code fetch} entities (null: all) in the query's order, or in reverse order
     * when reading backwards.
     */
    static List<PagePosition> positions(Handle handle, EntityQuery query, Integer fetch) {
        SqlBuilder sql = new SqlBuilder();
        List<EntityOrder> order = query.order();
        String where = EntityConditions.of(sql, "e.tenant", "e.uid", query.scope(), query.filter(), query.fullText());
        if (order.isEmpty()) {
            sql.append("SELECT e.uid AS uid FROM entities e WHERE ").append(where);
            if (query.after() != null) {
                sql.append(" AND e.uid ")
                        .append(query.backwards() ? "< " : "> ")
                        .append(sql.bind(query.after().uid()));
            }
            sql.append(" ORDER BY e.uid").append(query.backwards() ? " DESC" : "");
        } else {
            sql.append("SELECT uid");
            for (int i = 0; i < order.size(); i++) {
                sql.append(", o" + i);
            }
            sql.append(" FROM (SELECT e.uid AS uid");
            for (int i = 0; i < order.size(); i++) {
                sql.append(", ")
                        .append(SORT_VALUE.formatted(sql.bind(order.get(i).field()), i));
            }
            sql.append(" FROM entities e WHERE ").append(where).append(") ordered");
            if (query.after() != null) {
                sql.append(" WHERE ").append(beyond(sql, order, query.after(), query.backwards()));
            }
            sql.append(" ORDER BY ").append(orderBy(order, query.backwards()));
        }
        appendLimit(sql, fetch, query.offset());
        return sql.query(handle)
                .map((rs, ctx) -> {
                    List<String> values = new ArrayList<>(order.size());
                    for (int i = 0; i < order.size(); i++) {
                        values.add(rs.getString("o" + i));
                    }
                    return new PagePosition(values, rs.getString("uid"));
                })
                .list();
    }

    /**
     * Rows strictly beyond {@code after} in the reading direction: for some field i, equal on every
     * field before i and beyond on field i; or equal on all fields and beyond on uid.
     */
    private static String beyond(SqlBuilder sql, List<EntityOrder> order, PagePosition after, boolean backwards) {
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String column = "o" + i;
            String value = after.sortValues().get(i);
            String bound = value == null ? null : sql.bind(value);
            boolean ascending = order.get(i).direction() == EntityOrder.Direction.ASC;
            String beyondHere;
            if (!backwards) {
                // Nothing but another null lies beyond a null, and nulls are handled by equality.
                beyondHere = bound == null
                        ? null
                        : "(" + column + (ascending ? " > " : " < ") + bound + " OR " + column + " IS NULL)";
            } else {
                beyondHere = bound == null ? column + " IS NOT NULL" : column + (ascending ? " < " : " > ") + bound;
            }
            if (beyondHere != null) {
                alternatives.add(conjunction(equalSoFar, beyondHere));
            }
            equalSoFar.add(bound == null ? column + " IS NULL" : column + " = " + bound);
        }
        alternatives.add(conjunction(equalSoFar, "uid " + (backwards ? "< " : "> ") + sql.bind(after.uid())));
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static String conjunction(List<String> equalities, String last) {
        List<String> all = new ArrayList<>(equalities);
        all.add(last);
        return "(" + String.join(" AND ", all) + ")";
    }

    private static String orderBy(List<EntityOrder> order, boolean backwards) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            boolean ascending = (order.get(i).direction() == EntityOrder.Direction.ASC) != backwards;
            // "(x IS NULL)" sorts missing values last on both databases, whatever the direction.
            terms.add("(o" + i + " IS NULL)" + (backwards ? " DESC" : ""));
            terms.add("o" + i + (ascending ? "" : " DESC"));
        }
        terms.add("uid" + (backwards ? " DESC" : ""));
        return String.join(", ", terms);
    }

    private static void appendLimit(SqlBuilder sql, Integer fetch, int offset) {
        if (fetch != null) {
            sql.append(" LIMIT ").append(sql.bind(fetch));
        } else if (offset > 0) {
            // SQLite accepts OFFSET only after a LIMIT; the largest bigint stands for none.
            sql.append(" LIMIT ").append(sql.bind(Long.MAX_VALUE));
        }
        if (offset > 0) {
            sql.append(" OFFSET ").append(sql.bind(offset));
        }
    }
}
