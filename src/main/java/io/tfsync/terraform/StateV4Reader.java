package io.tfsync.terraform;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code resources} list of a format 4 state, one resource object and one instance tree at
 * a time. Terraform and OpenTofu write a resource's {@code module}, {@code mode}, {@code type}, {@code
 * name} and {@code provider} before its {@code instances}; should instances come first, they are held
 * until the resource object ends (memory then grows with that one resource), and a {@code module}
 * written after instances already emitted is refused rather than guessed.
 */
final class StateV4Reader {

    private final Reading reading;

    StateV4Reader(Reading reading) {
        this.reading = reading;
    }

    void readResources() throws IOException, StateParseException {
        if (!reading.enter(JsonToken.START_ARRAY, "resources")) {
            return;
        }
        JsonToken token;
        while ((token = reading.parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw reading.error("has an entry in \"resources\" that is not an object");
            }
            readResource();
        }
    }

    private void readResource() throws IOException, StateParseException {
        var parser = reading.parser;
        String module = null;
        String mode = null;
        String type = null;
        String name = null;
        String provider = null;
        boolean emitted = false;
        long instanceCount = 0;
        List<ObjectNode> held = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "module" -> {
                    if (emitted) {
                        throw reading.error("has a resource whose \"module\" comes after its instances");
                    }
                    module = text(value, field);
                }
                case "mode" -> mode = text(value, field);
                case "type" -> type = text(value, field);
                case "name" -> name = text(value, field);
                case "provider" -> provider = text(value, field);
                case "instances" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (value != JsonToken.START_ARRAY) {
                        throw reading.error("has a resource whose \"instances\" is not a list");
                    }
                    boolean known = mode != null && type != null && name != null && provider != null;
                    JsonToken element;
                    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (element != JsonToken.START_OBJECT) {
                            throw reading.error("has a resource instance that is not an object");
                        }
                        instanceCount++;
                        if (known && "data".equals(mode)) {
                            parser.skipChildren();
                            reading.data++;
                        } else if (known) {
                            instance(module, mode, type, name, provider, parser.readValueAsTree());
                            emitted = true;
                        } else {
                            held.add(parser.readValueAsTree());
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (instanceCount == 0) {
            reading.emptyResources++;
        }
        if (held.isEmpty()) {
            return;
        }
        for (ObjectNode instance : held) {
            if ("data".equals(mode)) {
                reading.data++;
            } else {
                instance(module, mode, type, name, provider, instance);
            }
        }
    }

    private void instance(String module, String mode, String type, String name, String provider, ObjectNode tree)
            throws StateParseException {
        if (mode == null || type == null || name == null) {
            throw reading.error("has a resource without mode, type or name");
        }
        if (!"managed".equals(mode) && !"data".equals(mode)) {
            throw reading.error("has a resource of unknown mode \"" + mode + "\"");
        }
        String resource = InstanceAddress.of(module == null ? "" : module, mode, type, name, null);
        if (tree.hasNonNull("deposed")) {
            reading.deposed++;
            return;
        }
        String providerText =
                tree.path("provider").isTextual() ? tree.get("provider").asText() : provider;
        ProviderAddress providerAddress = ProviderAddress.parse(providerText)
                .orElseThrow(() -> reading.error("has resource " + resource + " without a readable provider address"));
        Object indexKey = reading.indexKey(tree.get("index_key"), resource);
        JsonNode attributes = tree.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            JsonNode flat = tree.get("attributes_flat");
            attributes =
                    flat != null && flat.isObject() ? Flatmap.unflatten(flat) : JsonNodeFactory.instance.objectNode();
        }
        JsonNode dependencies = tree.has("dependencies") ? tree.get("dependencies") : tree.get("depends_on");
        String moduleAddress = module == null ? "" : module;
        reading.emit(new ResourceInstance(
                InstanceAddress.of(moduleAddress, mode, type, name, indexKey),
                moduleAddress,
                mode,
                type,
                name,
                indexKey,
                providerAddress.source(),
                providerAddress.alias(),
                "tainted".equals(tree.path("status").asText()),
                attributes,
                SensitivePaths.fromStateAttributes(tree.get("sensitive_attributes")),
                Reading.texts(dependencies),
                tree.path("schema_version").asLong(0)));
    }

    private String text(JsonToken value, String field) throws IOException, StateParseException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw reading.error("has a resource whose \"" + field + "\" is not a string");
        }
        return reading.parser.getText();
    }
}
