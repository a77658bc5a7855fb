package io.tfsync.terraform;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One parse in progress: the token stream, where it came from, the callback and the counts so far. */
final class Reading {

    final JsonParser parser;
    final String source;
    final Consumer<ResourceInstance> sink;
    long managed;
    long data;
    long deposed;
    long emptyResources;

    Reading(JsonParser parser, String source, Consumer<ResourceInstance> sink) {
        this.parser = parser;
        this.source = source;
        this.sink = sink;
    }

    void emit(ResourceInstance instance) {
        managed++;
        sink.accept(instance);
    }

    /** An error at the current position; {@code problem} follows the input's name, e.g. "is empty". */
    StateParseException error(String problem) {
        return error(source, problem, parser.currentLocation());
    }

    static StateParseException error(String source, String problem, JsonLocation at) {
        long line = at == null ? -1 : at.getLineNr();
        long column = at == null ? -1 : at.getColumnNr();
        return new StateParseException(
                source + " " + problem + " (stopped at line " + line + ", column " + column + ")", line, column);
    }

    /** Checks the current value opens an array or object; false for null. */
    boolean enter(JsonToken expected, String field) throws StateParseException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != expected) {
            throw error("has a \"" + field + "\" that is not "
                    + (expected == JsonToken.START_ARRAY ? "a list" : "an object"));
        }
        return true;
    }

    static List<String> texts(JsonNode array) {
        var out = new ArrayList<String>();
        if (array != null && array.isArray()) {
            array.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    /** An instance key as the model holds it: null, Long or String; an unusable key is an error. */
    Object indexKey(JsonNode key, String resource) throws StateParseException {
        if (key == null || key.isNull()) {
            return null;
        }
        if (key.isIntegralNumber() && key.canConvertToLong()) {
            return key.asLong();
        }
        if (key.isTextual()) {
            return key.asText();
        }
        throw error("has an instance of " + resource + " whose index key is neither a whole number nor a string");
    }
}
