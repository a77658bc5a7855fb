package io.tfsync.store;

import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.FullTextFilter;
import io.tfsync.catalog.TenantScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns who may see (a {@link TenantScope}) and what is asked for (an {@link EntityFilter}, a {@link
 * FullTextFilter}) into SQL conditions on an entity's tenant and uid columns. Filters are answered
 * from {@code entity_search} alone, as Backstage does: never by reading entity JSON.
 */
final class EntityConditions {

    private static final String MATCH_VALUES =
            "%s IN (SELECT entity_uid FROM entity_search WHERE key = %s AND value IN (%s))";
    private static final String MATCH_KEY = "%s IN (SELECT entity_uid FROM entity_search WHERE key = %s)";
    private static final String MATCH_TEXT_IN_FIELDS =
            "%s IN (SELECT entity_uid FROM entity_search WHERE key IN (%s) AND value LIKE %s ESCAPE '!')";
    private static final String MATCH_TEXT_ANYWHERE =
            "%s IN (SELECT entity_uid FROM entity_search WHERE value LIKE %s ESCAPE '!')";

    private EntityConditions() {}

    /**
     * The conditions, joined with AND ({@code 1 = 1} when there are none), binding every value into
     * {@code sql}.
     */
    static String of(
            SqlBuilder sql,
            String tenantColumn,
            String uidColumn,
            TenantScope scope,
            EntityFilter filter,
            FullTextFilter fullText) {
        List<String> conditions = new ArrayList<>();
        if (scope instanceof TenantScope.Tenants) {
            conditions.add(tenant(sql, tenantColumn, scope));
        }
        if (filter != null && !filter.matchesAll()) {
            conditions.add(filter(sql, uidColumn, filter));
        }
        if (fullText != null && !fullText.term().isEmpty()) {
            String pattern = sql.bind("%" + escapeLike(fullText.term()) + "%");
            conditions.add(
                    fullText.fields().isEmpty()
                            ? MATCH_TEXT_ANYWHERE.formatted(uidColumn, pattern)
                            : MATCH_TEXT_IN_FIELDS.formatted(uidColumn, sql.bindAll(fullText.fields()), pattern));
        }
        return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
    }

    /** The tenant wall of any table with a tenant column: {@code 1 = 1} for the operator's scope. */
    static String tenant(SqlBuilder sql, String tenantColumn, TenantScope scope) {
        return switch (scope) {
            case TenantScope.AllTenants all -> "1 = 1";
            case TenantScope.Tenants tenants ->
                tenantColumn + " IN ("
                        + sql.bindAll(tenants.tenants().stream().sorted().toList()) + ")";
        };
    }

    private static String filter(SqlBuilder sql, String uidColumn, EntityFilter filter) {
        List<String> sets = new ArrayList<>();
        for (EntityFilter.FilterSet set : filter.anyOf()) {
            List<String> conditions = new ArrayList<>();
            for (EntityFilter.Condition condition : set.allOf()) {
                String key = sql.bind(condition.key());
                conditions.add(
                        condition.isExistence()
                                ? MATCH_KEY.formatted(uidColumn, key)
                                : MATCH_VALUES.formatted(uidColumn, key, sql.bindAll(condition.values())));
            }
            sets.add("(" + String.join(" AND ", conditions) + ")");
        }
        return "(" + String.join(" OR ", sets) + ")";
    }

    /**
     * Escapes LIKE's wildcards so a term matches literally. The escape character is '!', not a
     * backslash, whose meaning inside SQL string literals differs between databases and settings.
     */
    static String escapeLike(String term) {
        return term.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
