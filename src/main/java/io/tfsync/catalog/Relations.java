package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The relations Backstage's built-in processor derives from an entity's spec, with their inverses. */
public final class Relations {

    public static final String OWNED_BY = "ownedBy";
    public static final String OWNER_OF = "ownerOf";

    private Relations() {}

    public static List<Relation> of(Entity entity) {
        List<Relation> out = new ArrayList<>();
        EntityRef self = entity.ref();
        JsonNode owner = entity.at("spec.owner");
        if (owner.isTextual() && !owner.asText().isBlank()) {
            EntityRef target = EntityRef.parse(owner.asText(), "group", self.namespace());
            out.add(new Relation(self, OWNED_BY, target));
            out.add(new Relation(target, OWNER_OF, self));
        }
        return out;
    }
}
