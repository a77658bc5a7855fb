package io.tfsync.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML text with Jackson's streaming parser into a {@link YamlNode} tree, keeping each token's line
 * and column and expanding {@code ${VAR}} in string values on the way. Duplicate keys, aliases and more
 * than one document are problems. A syntax error is reported with the YAML parser's own position and
 * description, never with the parser's quote of the offending line, which may hold a secret.
 */
final class YamlTreeReader {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Interpolator interpolator;
    private final Problems problems;

    YamlTreeReader(Interpolator interpolator, Problems problems) {
        this.interpolator = interpolator;
        this.problems = problems;
    }

    /** The root node, or empty when the text does not parse (a problem says why) or holds no document. */
    Optional<YamlNode> read(String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = node(parser, "");
            if (parser.nextToken() != null) {
                problems.add("", mark(parser), "a configuration file holds one YAML document; found a second one");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return Optional.empty();
        } catch (IOException e) {
            problems.addWithoutLocation("cannot read the YAML: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private YamlNode node(JsonParser parser, String path) throws IOException {
        YamlNode.Mark mark = mark(parser);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(path, mark, "YAML aliases (*name) are not supported here; write the value out");
        }
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(parser, path, mark);
            case START_ARRAY -> sequence(parser, path, mark);
            case VALUE_STRING -> string(parser.getText(), path, mark);
            case VALUE_NUMBER_INT ->
                scalar(mark, YamlNode.Kind.INTEGER, parser.getBigIntegerValue().toString());
            case VALUE_NUMBER_FLOAT -> decimal(parser, mark);
            case VALUE_TRUE -> scalar(mark, YamlNode.Kind.BOOLEAN, "true");
            case VALUE_FALSE -> scalar(mark, YamlNode.Kind.BOOLEAN, "false");
            case VALUE_NULL -> scalar(mark, YamlNode.Kind.NULL, "");
            default -> {
                problems.add(path, mark, "unexpected YAML content (" + parser.currentToken() + ")");
                parser.skipChildren();
                yield scalar(mark, YamlNode.Kind.NULL, "");
            }
        };
    }

    private YamlNode.Mapping mapping(JsonParser parser, String path, YamlNode.Mark mark) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            YamlNode.Mark keyMark = mark(parser);
            String keyPath = KeyPaths.child(path, key);
            parser.nextToken();
            YamlNode value = node(parser, keyPath);
            if (entries.containsKey(key)) {
                YamlNode.Mark first = entries.get(key).keyMark();
                problems.add(keyPath, keyMark, "duplicate key; it is already set at line " + first.line());
            } else {
                entries.put(key, new YamlNode.Entry(key, keyMark, value));
            }
        }
        return new YamlNode.Mapping(mark, entries);
    }

    private YamlNode.Sequence sequence(JsonParser parser, String path, YamlNode.Mark mark) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, KeyPaths.index(path, items.size())));
        }
        return new YamlNode.Sequence(mark, items);
    }

    private YamlNode.Scalar string(String raw, String path, YamlNode.Mark mark) {
        try {
            Interpolator.Result result = interpolator.expand(raw);
            return new YamlNode.Scalar(
                    mark, YamlNode.Kind.STRING, result.value(), result.emptyReferences(), result.interpolated());
        } catch (Interpolator.InterpolationException e) {
            problems.add(path, mark, e.getMessage());
            return new YamlNode.Scalar(mark, YamlNode.Kind.STRING, "", List.of(), true);
        }
    }

    /** YAML's .inf and .nan are floats too; they have no decimal form and stay text. */
    private static YamlNode.Scalar decimal(JsonParser parser, YamlNode.Mark mark) throws IOException {
        try {
            return scalar(mark, YamlNode.Kind.DECIMAL, parser.getDecimalValue().toString());
        } catch (NumberFormatException e) {
            return scalar(mark, YamlNode.Kind.STRING, parser.getText());
        }
    }

    private static YamlNode.Scalar scalar(YamlNode.Mark mark, YamlNode.Kind kind, String text) {
        return new YamlNode.Scalar(mark, kind, text, List.of(), false);
    }

    private static YamlNode.Mark mark(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new YamlNode.Mark(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
    }

    private void syntaxError(JsonProcessingException e) {
        // SnakeYAML's message quotes the offending line, which may hold a secret: use only its parts.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
                String what = marked.getProblem() == null ? "invalid YAML" : marked.getProblem();
                if (marked.getContext() != null) {
                    what = what + " (" + marked.getContext() + ")";
                }
                var at = marked.getProblemMark();
                problems.add("", new YamlNode.Mark(at.getLine() + 1, at.getColumn() + 1), "YAML syntax error: " + what);
                return;
            }
        }
        JsonLocation location = e.getLocation();
        YamlNode.Mark mark = location == null
                ? YamlNode.Mark.START
                : new YamlNode.Mark(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
        problems.add("", mark, "YAML syntax error: the text does not parse as YAML");
    }
}
