package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.catalog.Entity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Secrets hidden in every place a state can hold them never reach an entity. */
class RedactionTest {

    private static final Path STATE = Path.of("src/test/resources/states/secrets-everywhere.tfstate");
    private static final Pattern SECRET = Pattern.compile("S3CRET-[A-Z0-9-]+");
    private static final WorkspaceContext WORKSPACE =
            new WorkspaceContext("prod", "acme", "payments", "default", "group:default/platform", Optional.empty());

    @Test
    void the_test_state_really_holds_its_secrets() throws Exception {
        assertThat(SECRET.matcher(Files.readString(STATE)).results().count()).isEqualTo(15);
    }

    @Test
    void no_secret_reaches_an_entity_even_when_the_allow_list_asks_for_it() throws Exception {
        var greedy = MappingRules.from(new ObjectMapper()
                .readTree("{\"attributes\": [\"password\", \"master_user_secret\", \"connection_string\","
                        + " \"kubeconfig\", \"private_key_pem\", \"access_key\", \"description\", \"result\", \"token\"],"
                        + " \"defaultExclusions\": false}"));

        for (MappingRules rules : List.of(MappingRules.defaults(), greedy)) {
            String json = entitiesJson(rules);
            assertThat(SECRET.matcher(json).find()).as(json).isFalse();
        }
    }

    @Test
    void show_json_sensitive_values_are_honoured_too() throws Exception {
        var rules =
                MappingRules.from(new ObjectMapper().readTree("{\"attributes\": [\"settings\", \"root_password\"]}"));
        var state = new StateEntities(new EntityMapper(WORKSPACE, rules));
        StateParser.parse(Path.of("src/test/resources/states/secrets-everywhere-show.json"), state);

        List<Entity> entities = state.entities();

        assertThat(entities).hasSize(1);
        String json = entities.get(0).toJson().toString();
        assertThat(SECRET.matcher(json).find()).as(json).isFalse();
        assertThat(entities.get(0).at("spec.attributes.settings").toString()).isEqualTo("[{\"tier\":\"db-f1\"}]");
    }

    @Test
    void safe_allow_listed_attributes_and_tags_are_kept() throws Exception {
        var entities = entities(MappingRules.defaults());
        Entity db = entities.get(0);

        assertThat(db.at("spec.attributes.id").asText()).isEqualTo("db-1");
        assertThat(db.at("spec.attributes.tags.Name").asText()).isEqualTo("orders-db");
        assertThat(db.at("spec.attributes.labels.nested.keep").asText()).isEqualTo("fine");
        assertThat(db.at("spec.attributes.region").isMissingNode()).isTrue();
        assertThat(db.at("metadata.title").asText()).isEqualTo("orders-db");
        assertThat(db.at("metadata.description").isMissingNode()).isTrue();
        assertThat(entities.get(1).at("spec.attributes.tags").isMissingNode()).isTrue();
    }

    @Test
    void keys_that_look_like_secrets_are_recognised_in_any_spelling() {
        assertThat(List.of(
                        "password",
                        "db_password",
                        "MasterUserPassword",
                        "client_secret",
                        "sas_token",
                        "private_key_pem",
                        "aws_access_key_id",
                        "primary_connection_string",
                        "kubeconfig_raw",
                        "kubeconfig",
                        "api-key",
                        "apiKey"))
                .allMatch(Redaction::looksSecret);
        assertThat(List.of("id", "arn", "name", "tags", "region", "self_link")).noneMatch(Redaction::looksSecret);
    }

    private static List<Entity> entities(MappingRules rules) throws Exception {
        var state = new StateEntities(new EntityMapper(WORKSPACE, rules));
        StateParser.parse(STATE, state);
        return state.entities();
    }

    private static String entitiesJson(MappingRules rules) throws Exception {
        var out = new StringBuilder();
        for (Entity e : entities(rules)) {
            out.append(e.toJson()).append('\n');
        }
        return out.toString();
    }
}
