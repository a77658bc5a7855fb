package io.tfsync.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams a Terraform state to a callback, one managed resource instance at a time, so memory grows
 * with the largest instance and never with the file. Reads a state of format version 4 (Terraform
 * 0.12 to 1.x, OpenTofu) and {@code terraform show -json} output, told apart by their top-level keys,
 * which may come in any order. Data sources and deposed objects are counted, not emitted.
 *
 * <p>A {@link StateParseException} may come after some instances were already emitted (a bad
 * instance late in the file, or a {@code version} written after {@code resources}): treat it as a
 * failure of the whole state.
 */
public final class StateParser {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE).build();

    private StateParser() {}

    /** Parses the state in {@code file}; its path names it in error messages. */
    public static StateSummary parse(Path file, Consumer<ResourceInstance> sink)
            throws StateParseException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), sink);
        }
    }

    /**
     * Parses the state in {@code in}, which the caller closes.
     *
     * @param source how error messages name the input, e.g. a path or "standard input"
     */
    public static StateSummary parse(InputStream in, String source, Consumer<ResourceInstance> sink)
            throws StateParseException, IOException {
        try (JsonParser parser = MAPPER.createParser(in)) {
            var reading = new Reading(parser, source, sink);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw reading.error("is empty; expected a Terraform state");
            }
            if (first != JsonToken.START_OBJECT) {
                throw reading.error("holds a JSON " + kind(first) + ", not an object; expected a Terraform state");
            }
            return new TopLevel(reading).read();
        } catch (JsonEOFException e) {
            throw Reading.error(source, "ends before its JSON is complete (truncated?)", e.getLocation());
        } catch (StreamConstraintsException e) {
            // Its message names the limit and the length, never the text.
            throw Reading.error(source, "exceeds a reading limit: " + e.getOriginalMessage(), null);
        } catch (StreamReadException e) {
            // Jackson's own message may quote the offending text, which could be a secret.
            throw Reading.error(source, "is not valid JSON", e.getLocation());
        }
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "value";
        };
    }
}
