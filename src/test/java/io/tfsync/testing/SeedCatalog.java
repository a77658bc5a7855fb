package io.tfsync.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * A known catalog for API tests, the same rules as {@code integrations/catalog-client-check/check.mjs}:
 * resources {@code res-0000..}: type {@code database} when i % 10 == 0 else {@code storage}; owner
 * {@code team-a} when i is even else {@code team-b}; tag {@code tier-<i % 3>}; plus groups team-a and
 * team-b.
 */
public final class SeedCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedCatalog() {}

    public static String name(int i) {
        return "res-%04d".formatted(i);
    }

    public static List<Entity> entities(int resources) {
        List<Entity> out = new ArrayList<>();
        for (String team : List.of("team-a", "team-b")) {
            ObjectNode group = JSON.createObjectNode();
            group.put("apiVersion", "backstage.io/v1alpha1").put("kind", "Group");
            group.putObject("metadata").put("name", team);
            group.putObject("spec").put("type", "team").putArray("children");
            out.add(Entity.of(group));
        }
        for (int i = 0; i < resources; i++) {
            ObjectNode entity = JSON.createObjectNode();
            entity.put("apiVersion", "backstage.io/v1alpha1").put("kind", "Resource");
            ObjectNode metadata = entity.putObject("metadata");
            metadata.put("name", name(i)).put("namespace", "default");
            metadata.putObject("annotations").put("terraform.io/address", "aws_s3_bucket.b[" + i + "]");
            metadata.putArray("tags").add("tier-" + (i % 3));
            entity.putObject("spec")
                    .put("type", i % 10 == 0 ? "database" : "storage")
                    .put("owner", "group:default/" + (i % 2 == 0 ? "team-a" : "team-b"));
            out.add(Entity.of(entity));
        }
        return out;
    }

    /** Loads the seed into one tenant through the ordinary write path. */
    public static ApplyResult load(EntityRepository repository, String tenant, int resources) {
        return repository.apply(new ChangeSet(tenant, "test:seed", entities(resources), List.of()));
    }
}
