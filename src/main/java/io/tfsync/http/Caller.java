package io.tfsync.http;

import io.tfsync.catalog.TenantScope;
import java.util.Set;

/**
 * Who is calling: a configured token's name, the tenants it may see and the scopes it holds; or the
 * anonymous operator on loopback when no tokens are configured.
 */
public record Caller(String name, TenantScope scope, Set<String> scopes) {

    public static final String CATALOG_READ = "catalog.read";

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    static Caller operator() {
        return new Caller("operator", TenantScope.ALL, Set.of("catalog.read", "events.read", "sync.write", "admin"));
    }

    boolean has(String scope) {
        return scopes.contains(scope) || scopes.contains("admin");
    }
}
