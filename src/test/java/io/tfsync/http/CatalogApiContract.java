package io.tfsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfsync.testing.SeedCatalog;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalog API over real HTTP, run once per database: answers as Backstage's catalog backend does,
 * and every client mistake is a 400 naming the parameter, never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogApiContract {

    static final int RESOURCES = 1000;

    TestApp app;

    TestDatabase db;

    abstract TestDatabase database();

    @BeforeAll
    void start() {
        db = database();
        app = TestApp.start(db.settings(), List.of());
        SeedCatalog.load(app.entities(), "acme", RESOURCES);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = app.get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApp.json(response);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void a_filter_set_matches_all_its_conditions() {
        JsonNode items = getJson("/api/catalog/entities?filter=" + q("kind=resource,spec.type=database"));
        assertThat(items).hasSize(RESOURCES / 10);
        items.forEach(e -> assertThat(e.at("/spec/type").asText()).isEqualTo("database"));
    }

    @Test
    void repeated_filters_are_alternatives() {
        JsonNode items =
                getJson("/api/catalog/entities?filter=kind=group&filter=" + q("kind=resource,spec.type=database"));
        assertThat(items).hasSize(RESOURCES / 10 + 2);
    }

    @Test
    void names_and_kinds_match_case_insensitively() {
        JsonNode items = getJson("/api/catalog/entities?filter=" + q("KIND=Resource,metadata.name=RES-0007"));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).at("/metadata/name").asText()).isEqualTo("res-0007");
    }

    @Test
    void fields_keep_only_the_asked_paths() {
        JsonNode items = getJson("/api/catalog/entities?filter=kind=group&fields=kind,metadata.name");
        assertThat(items).hasSize(2);
        for (JsonNode e : items) {
            assertThat(e.properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactlyInAnyOrder("kind", "metadata");
            assertThat(e.get("metadata").properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactly("name");
        }
    }

    @Test
    void every_entity_carries_uid_etag_and_relations() {
        JsonNode e = getJson("/api/catalog/entities/by-name/resource/default/res-0003");
        assertThat(e.at("/metadata/uid").asText()).isNotBlank();
        assertThat(e.at("/metadata/etag").asText()).isNotBlank();
        assertThat(e.get("relations").toString()).contains("\"ownedBy\"").contains("group:default/team-b");
        JsonNode group = getJson("/api/catalog/entities/by-name/group/default/team-b");
        assertThat(group.get("relations").toString()).contains("\"ownerOf\"").contains("resource:default/res-0003");
        JsonNode byUid =
                getJson("/api/catalog/entities/by-uid/" + e.at("/metadata/uid").asText());
        assertThat(byUid).isEqualTo(e);
    }

    @Test
    void by_query_cursors_page_through_every_entity_once() {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        JsonNode page = getJson(
                "/api/catalog/entities/by-query?filter=kind=resource&limit=99&orderField=" + q("metadata.name,desc"));
        assertThat(page.get("totalItems").asInt()).isEqualTo(RESOURCES);
        assertThat(page.at("/pageInfo/prevCursor").isMissingNode()).isTrue();
        int pages = 1;
        while (true) {
            for (JsonNode e : page.get("items")) {
                assertThat(seen.add(e.at("/metadata/uid").asText()))
                        .as("repeated %s", e.at("/metadata/name"))
                        .isTrue();
                names.add(e.at("/metadata/name").asText());
            }
            JsonNode next = page.at("/pageInfo/nextCursor");
            if (next.isMissingNode()) {
                break;
            }
            page = getJson("/api/catalog/entities/by-query?limit=99&cursor=" + q(next.asText()));
            assertThat(page.get("totalItems").asInt()).isEqualTo(RESOURCES);
            pages++;
        }
        assertThat(seen).hasSize(RESOURCES);
        assertThat(pages).isEqualTo((RESOURCES + 98) / 99);
        assertThat(names).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void a_prev_cursor_returns_the_page_before() {
        JsonNode first =
                getJson("/api/catalog/entities/by-query?filter=kind=resource&limit=10&orderField=metadata.name");
        JsonNode second = getJson("/api/catalog/entities/by-query?limit=10&cursor="
                + q(first.at("/pageInfo/nextCursor").asText()));
        JsonNode back = getJson("/api/catalog/entities/by-query?limit=10&cursor="
                + q(second.at("/pageInfo/prevCursor").asText()));
        assertThat(back.get("items")).isEqualTo(first.get("items"));
        assertThat(back.at("/pageInfo/prevCursor").isMissingNode()).isTrue();
        assertThat(back.at("/pageInfo/nextCursor").isMissingNode()).isFalse();
    }

    @Test
    void limit_zero_gives_only_the_total() {
        JsonNode page = getJson("/api/catalog/entities/by-query?filter=" + q("spec.type=database") + "&limit=0");
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("totalItems").asInt()).isEqualTo(RESOURCES / 10);
    }

    @Test
    void by_query_offset_skips_and_total_items_can_be_excluded() {
        JsonNode page = getJson("/api/catalog/entities/by-query?filter=kind=resource&orderField=metadata.name&limit=3"
                + "&offset=10&totalItems=exclude");
        assertThat(page.get("items"))
                .extracting(e -> e.at("/metadata/name").asText())
                .containsExactly(SeedCatalog.name(10), SeedCatalog.name(11), SeedCatalog.name(12));
        assertThat(page.has("totalItems")).isFalse();
        JsonNode before = getJson("/api/catalog/entities/by-query?limit=3&cursor="
                + q(page.at("/pageInfo/prevCursor").asText()));
        assertThat(before.get("items"))
                .extracting(e -> e.at("/metadata/name").asText())
                .containsExactly(SeedCatalog.name(7), SeedCatalog.name(8), SeedCatalog.name(9));
    }

    @Test
    void entities_paging_links_to_the_next_page() {
        HttpResponse<String> first =
                app.get("/api/catalog/entities?filter=kind=resource&limit=600&order=asc:metadata.name");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(first)).hasSize(600);
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).endsWith("; rel=\"next\"").contains("after=").doesNotContain("offset=");
        String next = link.substring(1, link.indexOf('>'));
        JsonNode rest = getJson(next);
        assertThat(rest).hasSize(RESOURCES - 600);
        assertThat(rest.get(0).at("/metadata/name").asText()).isEqualTo(SeedCatalog.name(600));
    }

    @Test
    void by_refs_keeps_request_order_with_null_for_unknown() {
        HttpResponse<String> response = app.post(
                "/api/catalog/entities/by-refs",
                "application/json",
                "{\"entityRefs\":[\"resource:default/res-0005\",\"resource:default/nope\",\"Resource:Default/RES-0001\"],"
                        + "\"fields\":[\"metadata.name\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode items = TestApp.json(response).get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).toString()).isEqualTo("{\"metadata\":{\"name\":\"res-0005\"}}");
        assertThat(items.get(1).isNull()).isTrue();
        assertThat(items.get(2).at("/metadata/name").asText()).isEqualTo("res-0001");
    }

    @Test
    void facets_count_values_among_matching_entities() {
        JsonNode facets = getJson("/api/catalog/entity-facets?facet=spec.type&facet=kind&filter=kind=resource")
                .get("facets");
        assertThat(facets.get("spec.type").toString())
                .isEqualTo("[{\"value\":\"storage\",\"count\":900},{\"value\":\"database\",\"count\":100}]");
        assertThat(facets.get("kind").toString()).isEqualTo("[{\"value\":\"Resource\",\"count\":1000}]");
    }

    @Test
    void an_unknown_entity_is_a_404_in_backstage_shape() {
        HttpResponse<String> response = app.get("/api/catalog/entities/by-name/resource/default/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = TestApp.json(response);
        assertThat(body.at("/error/name").asText()).isEqualTo("NotFoundError");
        assertThat(body.at("/error/message").asText()).contains("nope");
        assertThat(body.at("/response/statusCode").asInt()).isEqualTo(404);
        assertThat(body.at("/request/method").asText()).isEqualTo("GET");
        assertThat(app.get("/api/catalog/entities/by-uid/00000000-0000-0000-0000-000000000000")
                        .statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/catalog/entities?filter=%3Dresource                      | filter",
                "/api/catalog/entities?filter=bogus.key%3Dx                    | filter",
                "/api/catalog/entities?fields=nonsense.field                   | fields",
                "/api/catalog/entities?limit=-1                                | limit",
                "/api/catalog/entities?limit=abc                               | limit",
                "/api/catalog/entities?offset=-5                               | offset",
                "/api/catalog/entities?order=sideways:metadata.name            | order",
                "/api/catalog/entities?after=not-a-cursor                      | after",
                "/api/catalog/entities/by-query?limit=-3                       | limit",
                "/api/catalog/entities/by-query?cursor=bm90IGEgY3Vyc29y        | cursor",
                "/api/catalog/entities/by-query?cursor=%25%25%25               | cursor",
                "/api/catalog/entities/by-query?orderField=metadata.name,up    | orderField",
                "/api/catalog/entities/by-query?orderField=nope.name           | orderField",
                "/api/catalog/entity-facets                                    | facet",
                "/api/catalog/entity-facets?facet=wat.x                        | facet",
                "/api/catalog/entities/by-query?totalItems=maybe               | totalItems",
                "/api/catalog/entities/by-query?offset=-1                      | offset",
            })
    void bad_parameters_are_a_400_naming_the_parameter(String pathAndQuery, String parameter) {
        HttpResponse<String> response = app.get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = TestApp.json(response);
        assertThat(body.at("/error/name").asText()).isEqualTo("InputError");
        assertThat(body.at("/error/message").asText()).contains(parameter);
        assertThat(body.at("/response/statusCode").asInt()).isEqualTo(400);
    }

    @ParameterizedTest(name = "by-refs body {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"entityRefs\":[\"resource:default/a\",\"no-kind-here\"]} | 400 | entityRefs[1]",
                "{\"entityRefs\":[\"resource:/a\"]}                          | 400 | entityRefs[0]",
                "{\"entityRefs\":\"resource:default/a\"}                     | 400 | entityRefs",
                "{\"entityRefs\":[42]}                                       | 400 | entityRefs[0]",
                "{\"entityRefs\":[], \"fields\":[\"bad.root\"]}              | 400 | fields",
                "{\"entityRefs\":[                                           | 400 | not valid JSON",
                "[1,2]                                                       | 400 | JSON object",
            })
    void bad_by_refs_bodies_are_a_400_saying_where(String body, int status, String where) {
        HttpResponse<String> response = app.post("/api/catalog/entities/by-refs", "application/json", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestApp.json(response).at("/error/message").asText()).contains(where);
    }

    @Test
    void a_body_that_is_not_json_is_a_415() {
        HttpResponse<String> response = app.post("/api/catalog/entities/by-refs", "text/plain", "resource:default/a");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(TestApp.json(response).at("/error/name").asText()).isEqualTo("UnsupportedMediaTypeError");
    }

    @Test
    void deeply_nested_json_is_refused_with_a_400() {
        String deep = "{\"entityRefs\":[], \"x\":" + "[".repeat(500) + "]".repeat(500) + "}";
        HttpResponse<String> response = app.post("/api/catalog/entities/by-refs", "application/json", deep);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(response).at("/error/message").asText()).contains("nesting");
    }

    @Test
    void an_unknown_route_is_a_404_in_backstage_shape() {
        HttpResponse<String> response = app.get("/api/catalog/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestApp.json(response).at("/error/name").asText()).isEqualTo("NotFoundError");
    }
}
