package io.tfsync.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One managed resource instance of a state, as the parser emits it.
 *
 * @param address the full instance address, e.g. {@code module.net.aws_subnet.private[0]} or {@code
 *     aws_iam_user.u["bob"]}
 * @param module the module address, {@code ""} for the root module
 * @param mode {@code managed} or {@code data}
 * @param type the resource type, e.g. {@code aws_subnet}
 * @param name the resource name
 * @param indexKey null (no count or for_each), a {@link Long} (count) or a {@link String} (for_each)
 * @param provider the provider source as host/namespace/type, e.g. {@code
 *     registry.terraform.io/hashicorp/aws}
 * @param providerAlias the provider configuration alias, or null for the default configuration
 * @param tainted whether the instance is marked tainted
 * @param attributes the attribute object; a state carried over from Terraform 0.11 ({@code
 *     attributes_flat}) is unflattened into objects and arrays whose leaves stay strings
 * @param sensitivePaths the paths marked sensitive; a step is a {@link String} (attribute name or map
 *     key) or a {@link Long} (list index)
 * @param dependencies the addresses this instance depends on
 * @param schemaVersion the provider schema version of the attributes
 */
public record ResourceInstance(
        String address,
        String module,
        String mode,
        String type,
        String name,
        Object indexKey,
        String provider,
        String providerAlias,
        boolean tainted,
        JsonNode attributes,
        List<List<Object>> sensitivePaths,
        List<String> dependencies,
        long schemaVersion) {

    public ResourceInstance {
        requireText(address, "address");
        Objects.requireNonNull(module, "module");
        if (!"managed".equals(mode) && !"data".equals(mode)) {
            throw new IllegalArgumentException("mode must be managed or data, was " + mode);
        }
        requireText(type, "type");
        requireText(name, "name");
        if (indexKey != null && !(indexKey instanceof Long) && !(indexKey instanceof String)) {
            throw new IllegalArgumentException("indexKey must be null, a Long or a String");
        }
        requireText(provider, "provider");
        Objects.requireNonNull(attributes, "attributes");
        sensitivePaths = sensitivePaths.stream().map(List::copyOf).toList();
        dependencies = List.copyOf(dependencies);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
