package io.tfsync.terraform;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads the {@code values} of {@code terraform show -json} output: {@code root_module} and its nested
 * {@code child_modules}, one resource object (which is one instance there) at a time. The output has
 * no provider aliases, so {@link ResourceInstance#providerAlias()} is always null for it.
 */
final class ShowJsonReader {

    private final Reading reading;

    ShowJsonReader(Reading reading) {
        this.reading = reading;
    }

    void readValues() throws IOException, StateParseException {
        if (!reading.enter(JsonToken.START_OBJECT, "values")) {
            return;
        }
        while (reading.parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = reading.parser.currentName();
            reading.parser.nextToken();
            if (field.equals("root_module") && reading.enter(JsonToken.START_OBJECT, field)) {
                readModule();
            } else {
                reading.parser.skipChildren();
            }
        }
    }

    private void readModule() throws IOException, StateParseException {
        var parser = reading.parser;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "resources" -> {
                    if (reading.enter(JsonToken.START_ARRAY, field)) {
                        while (nextObjectIn("resources")) {
                            resource(parser.readValueAsTree());
                        }
                    }
                }
                case "child_modules" -> {
                    if (reading.enter(JsonToken.START_ARRAY, field)) {
                        while (nextObjectIn("child_modules")) {
                            readModule();
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private boolean nextObjectIn(String list) throws IOException, StateParseException {
        JsonToken token = reading.parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            throw reading.error("has an entry in \"" + list + "\" that is not an object");
        }
        return true;
    }

    private void resource(ObjectNode tree) throws StateParseException {
        String mode = tree.path("mode").asText(null);
        String type = tree.path("type").asText(null);
        String name = tree.path("name").asText(null);
        String address = tree.path("address").asText(null);
        if (mode == null || type == null || name == null || address == null) {
            throw reading.error("has a resource without address, mode, type or name");
        }
        if (tree.hasNonNull("deposed_key")) {
            reading.deposed++;
            return;
        }
        if (mode.equals("data")) {
            reading.data++;
            return;
        }
        if (!mode.equals("managed")) {
            throw reading.error("has a resource of unknown mode \"" + mode + "\"");
        }
        Object indexKey = reading.indexKey(tree.get("index"), address);
        ProviderAddress provider = ProviderAddress.parse(
                        tree.path("provider_name").asText(null))
                .orElseThrow(() -> reading.error("has resource " + address + " without a readable provider_name"));
        JsonNode values = tree.get("values");
        reading.emit(new ResourceInstance(
                address,
                moduleOf(address, mode, type, name, indexKey),
                mode,
                type,
                name,
                indexKey,
                provider.source(),
                provider.alias(),
                tree.path("tainted").asBoolean(false),
                values != null && values.isObject() ? values : JsonNodeFactory.instance.objectNode(),
                SensitivePaths.fromShowValues(tree.get("sensitive_values")),
                Reading.texts(tree.get("depends_on")),
                tree.path("schema_version").asLong(0)));
    }

    // The module is what the address holds before the resource part; the module object's own
    // "address" may come after its resources, so it is not waited for.
    private String moduleOf(String address, String mode, String type, String name, Object indexKey)
            throws StateParseException {
        String own = InstanceAddress.of("", mode, type, name, indexKey);
        if (address.equals(own)) {
            return "";
        }
        if (address.endsWith("." + own)) {
            return address.substring(0, address.length() - own.length() - 1);
        }
        throw reading.error("has a resource whose address " + address + " does not end in " + own);
    }
}
