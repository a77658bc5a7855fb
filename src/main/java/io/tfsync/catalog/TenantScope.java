package io.tfsync.catalog;

import java.util.Set;

/**
 * Which tenants a caller may see. Every read path takes one and filters by it in the query itself,
 * so a caller can never learn of an entity outside its scope, not even by a count.
 */
public sealed interface TenantScope {

    /** The operator: every tenant. */
    record AllTenants() implements TenantScope {}

    /** A caller bound to the listed tenants (in practice one). */
    record Tenants(Set<String> tenants) implements TenantScope {
        public Tenants {
            tenants = Set.copyOf(tenants);
            if (tenants.isEmpty()) {
                throw new IllegalArgumentException("a tenant scope needs at least one tenant");
            }
        }
    }

    TenantScope ALL = new AllTenants();

    static TenantScope of(String tenant) {
        return new Tenants(Set.of(tenant));
    }

    default boolean includes(String tenant) {
        return switch (this) {
            case AllTenants all -> true;
            case Tenants t -> t.tenants().contains(tenant);
        };
    }
}
