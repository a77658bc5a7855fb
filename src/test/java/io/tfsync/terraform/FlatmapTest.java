package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FlatmapTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void set_hashes_become_array_elements_and_maps_inside_lists_keep_dotted_keys() throws Exception {
        var flat = JSON.readTree("""
                {"rule.#": "2", "rule.3456789.port": "22", "rule.12.port": "80",
                 "rule.12.labels.%": "1", "rule.12.labels.app.kubernetes.io/name": "web",
                 "count": "3"}
                """);

        assertThat(Flatmap.unflatten(flat).toString())
                .isEqualTo("{\"count\":\"3\",\"rule\":[{\"labels\":{\"app.kubernetes.io/name\":\"web\"},"
                        + "\"port\":\"80\"},{\"port\":\"22\"}]}");
    }

    @Test
    void a_dotted_key_without_counts_becomes_a_nested_object_and_empty_lists_vanish() throws Exception {
        var flat = JSON.readTree("{\"a.b\": \"1\", \"empty.#\": \"0\", \"empty_map.%\": \"0\"}");

        assertThat(Flatmap.unflatten(flat).toString()).isEqualTo("{\"a\":{\"b\":\"1\"}}");
    }
}
