package io.tfsync.store;

import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityOrder;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.FullTextFilter;
import io.tfsync.catalog.PagePosition;
import io.tfsync.catalog.TenantScope;
import io.tfsync.testing.SettableClock;
import io.tfsync.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the parts of {@link EntityRepositoryContract} share: the repository under test and shorthands. */
interface RepositoryFixture {

    String TENANT = "acme";
    String SOURCE = "tfc:acme/payments";
    TenantScope ACME = TenantScope.of(TENANT);

    TestDatabase database();

    SettableClock clock();

    EntityRepository repository();

    /** An SQL expression over a table's row that changes whenever the row is rewritten or replaced. */
    String rowVersion();

    default ApplyResult upsert(String tenant, String source, Entity... entities) {
        return repository().apply(new ChangeSet(tenant, source, List.of(entities), List.of()));
    }

    default ApplyResult upsert(Entity... entities) {
        return upsert(TENANT, SOURCE, entities);
    }

    default ApplyResult remove(String tenant, String source, String... refs) {
        return repository()
                .apply(new ChangeSet(
                        tenant,
                        source,
                        List.of(),
                        Arrays.stream(refs).map(EntityRef::parse).toList()));
    }

    default Entity byRef(TenantScope scope, String ref) {
        return repository().byRef(scope, EntityRef.parse(ref)).orElseThrow();
    }

    default String uidOf(String ref) {
        return byRef(TenantScope.ALL, ref).at("metadata.uid").asText();
    }

    /**
     * A filter from Backstage's query syntax: each argument is one set ({@code kind=resource,spec.type=db});
     * a key without {@code =} asks for existence; a key repeated in a set lists alternatives.
     */
    static EntityFilter filter(String... sets) {
        List<EntityFilter.FilterSet> anyOf = new ArrayList<>();
        for (String set : sets) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (String condition : set.split(",")) {
                int eq = condition.indexOf('=');
                String key = eq < 0 ? condition : condition.substring(0, eq);
                List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
                if (eq >= 0) {
                    list.add(condition.substring(eq + 1));
                }
            }
            anyOf.add(new EntityFilter.FilterSet(values.entrySet().stream()
                    .map(e -> new EntityFilter.Condition(e.getKey(), e.getValue()))
                    .toList()));
        }
        return new EntityFilter(anyOf);
    }

    static EntityOrder asc(String field) {
        return new EntityOrder(field, EntityOrder.Direction.ASC);
    }

    static EntityOrder desc(String field) {
        return new EntityOrder(field, EntityOrder.Direction.DESC);
    }

    static EntityQuery query(TenantScope scope, EntityFilter filter, List<EntityOrder> order, Integer limit) {
        return new EntityQuery(scope, filter, null, order, null, false, 0, limit);
    }

    static EntityQuery after(EntityQuery query, PagePosition position, boolean backwards) {
        return new EntityQuery(
                query.scope(), query.filter(), query.fullText(), query.order(), position, backwards, 0, query.limit());
    }

    static EntityQuery fullText(TenantScope scope, String term, String... fields) {
        return new EntityQuery(
                scope, EntityFilter.ALL, new FullTextFilter(term, List.of(fields)), List.of(), null, false, 0, null);
    }

    default List<String> names(List<Entity> entities) {
        return entities.stream().map(Entity::name).toList();
    }

    default List<String> names(EntityQuery query) {
        return names(repository().find(query).items());
    }
}
