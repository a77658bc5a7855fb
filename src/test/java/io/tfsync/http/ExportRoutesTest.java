package io.tfsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tfsync.testing.SeedCatalog;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/catalog/export/catalog-info.yaml}: the caller's tenant's entities as descriptor documents. */
class ExportRoutesTest {

    private static final String ACME_TOKEN = "acme-export-token-1";
    private static final String GLOBEX_TOKEN = "globex-export-token-2";
    private static final String EVENTS_ONLY_TOKEN = "events-only-token-3";

    static TestDatabase db;
    static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start(
                (db = TestDatabases.sqlite()).settings(),
                List.of(
                        new ApiToken("acme", TenantWallsTest.sha256(ACME_TOKEN), "acme", Set.of("catalog.read")),
                        new ApiToken("globex", TenantWallsTest.sha256(GLOBEX_TOKEN), "globex", Set.of("catalog.read")),
                        new ApiToken(
                                "events", TenantWallsTest.sha256(EVENTS_ONLY_TOKEN), "acme", Set.of("events.read"))));
        SeedCatalog.load(app.entities(), "acme", 30);
        SeedCatalog.load(app.entities(), "globex", 5);
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    private static HttpResponse<String> export(String token, String query) {
        return app.get("/api/catalog/export/catalog-info.yaml" + query, "Authorization", "Bearer " + token);
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                documents.add(it.next());
            }
        }
        return documents;
    }

    @Test
    void each_entity_of_the_callers_tenant_is_one_document_as_a_descriptor_file_holds_it() throws Exception {
        HttpResponse<String> response = export(ACME_TOKEN, "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(response.headers().firstValue("X-Catalog-Last-Event-Offset")).isPresent();
        assertThat(response.body()).startsWith("---");
        List<JsonNode> documents = documents(response.body());
        JsonNode listed = TestApp.json(app.get("/api/catalog/entities", "Authorization", "Bearer " + ACME_TOKEN));
        assertThat(documents).hasSize(listed.size());
        for (JsonNode document : documents) {
            assertThat(document.path("apiVersion").asText()).isNotEmpty();
            assertThat(document.path("metadata").has("uid")).isFalse();
            assertThat(document.path("metadata").has("etag")).isFalse();
            assertThat(document.has("relations")).isFalse();
            assertThat(document.path("metadata").path("annotations").has("backstage.io/managed-by-location"))
                    .isFalse();
            assertThat(document.path("metadata")
                            .path("labels")
                            .path("tfsync.io/tenant")
                            .asText("acme"))
                    .isEqualTo("acme");
        }
        // The same content as the API's, less what Backstage makes itself.
        JsonNode first = listed.get(0).deepCopy();
        JsonNode exported = documents.stream()
                .filter(d -> d.path("metadata")
                                .path("name")
                                .equals(first.path("metadata").path("name"))
                        && d.path("kind").equals(first.path("kind")))
                .findFirst()
                .orElseThrow();
        assertThat(exported.path("spec")).isEqualTo(first.path("spec"));
    }

    @Test
    void another_tenants_entities_are_not_exported_and_a_filter_narrows_the_file() throws Exception {
        assertThat(documents(export(GLOBEX_TOKEN, "").body())).hasSize(7);
        List<JsonNode> resources =
                documents(export(ACME_TOKEN, "?filter=kind=resource").body());
        assertThat(resources)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.path("kind").asText()).isEqualTo("Resource"));
        assertThat(resources.size())
                .isLessThan(documents(export(ACME_TOKEN, "").body()).size());
    }

    @Test
    void reading_the_export_needs_catalog_read_and_a_bad_filter_is_a_400() {
        assertThat(export(EVENTS_ONLY_TOKEN, "").statusCode()).isEqualTo(403);
        assertThat(app.get("/api/catalog/export/catalog-info.yaml").statusCode())
                .isEqualTo(401);
        HttpResponse<String> bad = export(ACME_TOKEN, "?filter=%3Dresource");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("filter");
    }
}
