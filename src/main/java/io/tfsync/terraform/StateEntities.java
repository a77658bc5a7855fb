package io.tfsync.terraform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The entities of one state: feed it every instance (it is the parser's sink), then ask for {@link
 * #entities()}. Mapping is in two passes because an instance may depend on a resource that comes
 * later in the state: the first pass maps each instance and indexes its name by instance address
 * and by resource address ({@code module.m.aws_subnet.private}); the second turns each instance's
 * {@code dependencies} into {@code spec.dependsOn} refs of the entities those addresses made.
 * Dependencies on excluded resources or data sources are dropped.
 */
public final class StateEntities implements Consumer<ResourceInstance> {

    private record Pending(ObjectNode json, String name, List<String> dependencies) {}

    private final EntityMapper mapper;
    private final String namespace;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, String> byInstance = new HashMap<>();
    private final Map<String, List<String>> byResource = new HashMap<>();
    private long excluded;

    public StateEntities(EntityMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.namespace = mapper.workspace().namespace();
    }

    @Override
    public void accept(ResourceInstance instance) {
        var built = mapper.build(instance);
        if (built.isEmpty()) {
            excluded++;
            return;
        }
        String name = built.get().path("metadata").path("name").asText();
        pending.add(new Pending(built.get(), name, instance.dependencies()));
        byInstance.put(instance.address(), name);
        String resource =
                (instance.module().isEmpty() ? "" : instance.module() + ".") + instance.type() + "." + instance.name();
        byResource.computeIfAbsent(resource, k -> new ArrayList<>()).add(name);
    }

    /** Instances the rules excluded (data sources included, if any were fed). */
    public long excluded() {
        return excluded;
    }

    /** The entities, in state order, each with its {@code spec.dependsOn} and checked valid. */
    public List<Entity> entities() {
        var entities = new ArrayList<Entity>(pending.size());
        for (Pending p : pending) {
            var refs = new TreeSet<String>();
            for (String dependency : p.dependencies()) {
                String one = byInstance.get(dependency);
                List<String> names = one != null ? List.of(one) : byResource.getOrDefault(dependency, List.of());
                for (String name : names) {
                    if (!name.equals(p.name())) {
                        refs.add("resource:" + namespace + "/" + name);
                    }
                }
            }
            ObjectNode json = p.json();
            if (!refs.isEmpty()) {
                var dependsOn = ((ObjectNode) json.get("spec")).putArray("dependsOn");
                refs.forEach(dependsOn::add);
            }
            entities.add(EntityMapper.checked(json));
        }
        return entities;
    }
}
