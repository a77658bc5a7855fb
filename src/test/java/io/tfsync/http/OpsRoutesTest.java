package io.tfsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tfsync.testing.SeedCatalog;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, readiness, metrics, the OpenAPI document and the status page. */
class OpsRoutesTest {

    static TestDatabase db;
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start((db = TestDatabases.sqlite()).settings(), List.of());
        SeedCatalog.load(app.entities(), "acme", 3);
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    @Test
    void health_and_readiness_answer() {
        assertThat(app.get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = app.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("ready");
    }

    @Test
    void metrics_show_jvm_and_http_requests_by_route_template() {
        app.get("/api/catalog/entities/by-name/resource/default/res-0001");
        String metrics = app.get("/metrics").body();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics)
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/catalog/entities/by-name/{kind}/{namespace}/{name}\",status=\"200\"}");
        assertThat(metrics).doesNotContain("res-0001");
    }

    @Test
    void the_status_page_tells_a_newcomer_what_runs() {
        String page = app.get("/").body();
        assertThat(page)
                .contains("tfsync")
                .contains("5 entities")
                .contains("Resource")
                .contains("Event stream")
                .contains("Last offset")
                .contains("Consumers waiting now")
                .contains("/openapi.yaml");
    }

    @Test
    void every_route_is_in_openapi_yaml_and_every_documented_path_is_routed() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory())
                .readTree(app.get("/openapi.yaml").body());
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        Set<String> documented = new TreeSet<>();
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> routed = new TreeSet<>(app.application().http().routes());
        assertThat(routed).isNotEmpty();
        List<String> undocumented = new ArrayList<>(routed);
        undocumented.removeAll(documented);
        List<String> unrouted = new ArrayList<>(documented);
        unrouted.removeAll(routed);
        assertThat(undocumented).as("routes missing from openapi.yaml").isEmpty();
        assertThat(unrouted).as("paths in openapi.yaml with no route").isEmpty();
    }
}
