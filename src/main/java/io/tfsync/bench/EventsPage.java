package io.tfsync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The parts of an events page the benchmark needs, read without building a tree of each entity. */
record EventsPage(long lastEventOffset, List<String> refs) {

    private static final JsonFactory JSON = new JsonFactory();

    static EventsPage parse(byte[] body, long after) {
        long last = -1;
        List<String> refs = new ArrayList<>();
        long previous = after;
        try (JsonParser parser = JSON.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("lastEventOffset")) {
                    last = parser.getLongValue();
                } else if (field.equals("events")) {
                    expect(parser.currentToken(), JsonToken.START_ARRAY);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        previous = event(parser, previous, refs);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("an events page that is not JSON: " + e.getMessage(), e);
        }
        if (last < previous) {
            throw new IllegalStateException("lastEventOffset " + last + " is before the page's last event");
        }
        return new EventsPage(last, refs);
    }

    private static long event(JsonParser parser, long previous, List<String> refs) throws IOException {
        long offset = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "offset" -> offset = parser.getLongValue();
                case "entityRef" -> refs.add(parser.getText());
                default -> parser.skipChildren();
            }
        }
        if (offset <= previous) {
            throw new IllegalStateException("event offset " + offset + " does not follow " + previous);
        }
        return offset;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("an events page with " + actual + " where " + expected + " belongs");
        }
    }
}
