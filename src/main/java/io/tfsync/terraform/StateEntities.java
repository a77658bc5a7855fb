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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entities of one state: feed it every instance (it is the parser's sink), then ask for {@link
 * #entities()}. Mapping is in two passes because an instance may depend on a resource that comes
 * later in the state: the first pass maps each instance and indexes its name by instance address
 * and by resource address ({@code module.m.aws_subnet.private}); the second turns each instance's
 * {@code dependencies} into {@code spec.dependsOn} refs of the entities those addresses made.
 * Dependencies on excluded resources or data sources are dropped.
 */
public final class StateEntities implements Consumer<ResourceInstance> {

    private record Pending(ObjectNode json, String name, String module, List<String> dependencies) {}

    // One module step with its optional key: module.name, module.name[0], module.name["k"].
    private static final Pattern MODULE_STEP =
            Pattern.compile("module\\.([^.\\[]+)(\\[(?:\"(?:[^\"\\\\]|\\\\.)*\"|\\d+)])?");

    private final EntityMapper mapper;
    private final String namespace;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, String> byInstance = new HashMap<>();
    private final Map<String, List<String>> byResource = new HashMap<>();
    // Terraform writes dependencies without module keys (module.eks.module.group.aws_iam_role.this),
    // so resources are also found by their address with the keys taken out.
    private final Map<String, List<String>> byUnkeyedResource = new HashMap<>();
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
        pending.add(new Pending(built.get(), name, instance.module(), instance.dependencies()));
        byInstance.put(instance.address(), name);
        String local = instance.type() + "." + instance.name();
        String resource = (instance.module().isEmpty() ? "" : instance.module() + ".") + local;
        byResource.computeIfAbsent(resource, k -> new ArrayList<>()).add(name);
        if (instance.module().contains("[")) {
            String unkeyed = String.join(".", unkeyedSteps(instance.module())) + "." + local;
            byUnkeyedResource.computeIfAbsent(unkeyed, k -> new ArrayList<>()).add(name);
        }
    }

    /**
     * The entity names a dependency names: one instance, every instance of one resource, or, for an
     * address written without module keys, the instances in the dependent's own module instances when
     * there are any (a keyed module's resource depends on its sibling, not on every copy), else all.
     */
    private List<String> resolve(String dependency, String dependentModule) {
        String one = byInstance.get(dependency);
        if (one != null) {
            return List.of(one);
        }
        List<String> resource = byResource.get(dependency);
        if (resource != null) {
            return resource;
        }
        List<String> unkeyed = byUnkeyedResource.get(dependency);
        if (unkeyed == null) {
            return List.of();
        }
        List<String> keyedSteps = steps(dependentModule);
        // The dependency's module steps carry no keys, so they end at each dot.
        List<String> dependencySteps = new ArrayList<>();
        int at = 0;
        while (dependency.startsWith("module.", at)) {
            int dot = dependency.indexOf('.', at + "module.".length());
            if (dot < 0) {
                break;
            }
            dependencySteps.add(dependency.substring(at, dot));
            at = dot + 1;
        }
        String rest = dependency.substring(at);
        List<String> localized = new ArrayList<>();
        for (int i = 0; i < dependencySteps.size(); i++) {
            String wanted = dependencySteps.get(i);
            localized.add(
                    i < keyedSteps.size() && unkey(keyedSteps.get(i)).equals(wanted) ? keyedSteps.get(i) : wanted);
        }
        String sibling = (localized.isEmpty() ? "" : String.join(".", localized) + ".") + rest;
        return byResource.getOrDefault(sibling, unkeyed);
    }

    private static List<String> steps(String module) {
        List<String> steps = new ArrayList<>();
        Matcher step = MODULE_STEP.matcher(module);
        while (step.find()) {
            steps.add(step.group());
        }
        return steps;
    }

    private static List<String> unkeyedSteps(String module) {
        return steps(module).stream().map(StateEntities::unkey).toList();
    }

    private static String unkey(String step) {
        int bracket = step.indexOf('[');
        return bracket < 0 ? step : step.substring(0, bracket);
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
                List<String> names = resolve(dependency, p.module());
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
