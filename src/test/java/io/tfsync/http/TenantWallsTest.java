package io.tfsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfsync.testing.SeedCatalog;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens bind callers to a tenant; no read path lets one tenant see or count another's entities. */
class TenantWallsTest {

    static final String ACME_TOKEN = "acme-secret-token-1";
    static final String GLOBEX_TOKEN = "globex-secret-token-2";
    static final String NO_SCOPE_TOKEN = "events-only-token-3";

    static TestDatabase db;
    static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start(
                (db = TestDatabases.sqlite()).settings(),
                List.of(
                        new ApiToken("acme-backstage", sha256(ACME_TOKEN), "acme", Set.of("catalog.read")),
                        new ApiToken("globex-backstage", sha256(GLOBEX_TOKEN), "globex", Set.of("catalog.read")),
                        new ApiToken("acme-events", sha256(NO_SCOPE_TOKEN), "acme", Set.of("events.read"))));
        SeedCatalog.load(app.entities(), "acme", 30);
        SeedCatalog.load(app.entities(), "globex", 5);
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> get(String token, String path) {
        return app.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void each_tenant_sees_only_its_own_entities() {
        assertThat(TestApp.json(get(ACME_TOKEN, "/api/catalog/entities"))).hasSize(32);
        assertThat(TestApp.json(get(GLOBEX_TOKEN, "/api/catalog/entities"))).hasSize(7);
    }

    @Test
    void the_same_ref_in_two_tenants_is_two_entities() {
        JsonNode acme = TestApp.json(get(ACME_TOKEN, "/api/catalog/entities/by-name/resource/default/res-0001"));
        JsonNode globex = TestApp.json(get(GLOBEX_TOKEN, "/api/catalog/entities/by-name/resource/default/res-0001"));
        assertThat(acme.at("/metadata/uid").asText())
                .isNotEqualTo(globex.at("/metadata/uid").asText());
        String globexUid = globex.at("/metadata/uid").asText();
        assertThat(get(ACME_TOKEN, "/api/catalog/entities/by-uid/" + globexUid).statusCode())
                .isEqualTo(404);
    }

    @Test
    void another_tenants_entity_is_indistinguishable_from_a_missing_one() {
        HttpResponse<String> hidden = get(GLOBEX_TOKEN, "/api/catalog/entities/by-name/resource/default/res-0020");
        HttpResponse<String> missing = get(GLOBEX_TOKEN, "/api/catalog/entities/by-name/resource/default/res-9999");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(TestApp.json(hidden).at("/error/message").asText().replace("res-0020", "X"))
                .isEqualTo(TestApp.json(missing).at("/error/message").asText().replace("res-9999", "X"));
    }

    @Test
    void counts_facets_and_by_refs_respect_the_wall() {
        assertThat(TestApp.json(get(GLOBEX_TOKEN, "/api/catalog/entities/by-query?limit=0"))
                        .get("totalItems")
                        .asInt())
                .isEqualTo(7);
        JsonNode facets = TestApp.json(get(GLOBEX_TOKEN, "/api/catalog/entity-facets?facet=kind"));
        assertThat(facets.at("/facets/kind").toString()).contains("\"count\":5").doesNotContain("\"count\":30");
        HttpResponse<String> refs = app.post(
                "/api/catalog/entities/by-refs",
                "application/json",
                "{\"entityRefs\":[\"resource:default/res-0020\",\"resource:default/res-0001\"]}",
                "Authorization",
                "Bearer " + GLOBEX_TOKEN);
        JsonNode items = TestApp.json(refs).get("items");
        assertThat(items.get(0).isNull()).isTrue();
        assertThat(items.get(1).at("/metadata/name").asText()).isEqualTo("res-0001");
    }

    @Test
    void a_missing_or_wrong_token_is_a_401() {
        HttpResponse<String> none = app.get("/api/catalog/entities");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(none).at("/error/name").asText()).isEqualTo("AuthenticationError");
        HttpResponse<String> wrong = get("not-a-token", "/api/catalog/entities");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("not-a-token");
    }

    @Test
    void a_token_without_the_catalog_scope_is_a_403() {
        HttpResponse<String> response = get(NO_SCOPE_TOKEN, "/api/catalog/entities");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestApp.json(response).at("/error/message").asText()).contains("catalog.read");
    }

    @Test
    void the_status_page_shows_a_token_only_its_tenant() {
        HttpResponse<String> page = get(GLOBEX_TOKEN, "/");
        assertThat(page.body()).contains("7 entities").contains("globex").doesNotContain("acme");
        assertThat(app.get("/").body()).doesNotContain("entities in tenant").contains("Sign in");
    }
}
