package io.tfsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.events.CatalogEvent;
import io.tfsync.events.EventPage;
import io.tfsync.events.EventType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The page of events is put together from bytes: it must be byte for byte what Jackson writes for the
 * same events (the entities copied raw), including refs that need escaping and non-ASCII entities.
 */
class EventPageBytesTest {

    private final ObjectMapper json = HttpServer.objectMapper();
    private final EventRoutes routes = new EventRoutes(null, Duration.ofSeconds(15), json);

    @Test
    void pageIsWhatJacksonWritesWithTheStoredEntitiesCopiedRaw() throws Exception {
        List<CatalogEvent> events = List.of(
                event(7, EventType.ADDED, "resource:default/db", "{\"kind\":\"Resource\",\"x\":[1,2]}"),
                event(9, EventType.UPDATED, "group:team/ünïcode \"quoted\" \\ \t", "{\"title\":\"Zoë ✓ 🚀\"}"),
                new CatalogEvent(12, EventType.REMOVED, "default", "component:default/gone", Optional.empty(), 1L));
        EventPage page = new EventPage(events, 40);

        byte[] bytes = routes.pageBytes(page);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(jackson(page));
        assertThat(json.readTree(bytes).get("events")).hasSize(3);
    }

    @Test
    void anEmptyPageIsValidJson() throws Exception {
        byte[] bytes = routes.pageBytes(new EventPage(List.of(), 5));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"lastEventOffset\":5,\"events\":[]}");
    }

    private static CatalogEvent event(long offset, EventType type, String ref, String entity) {
        return new CatalogEvent(offset, type, "default", ref, Optional.of(entity.getBytes(StandardCharsets.UTF_8)), 1L);
    }

    /** The page as the route wrote it before, with Jackson's generator and the entity as a raw value. */
    private String jackson(EventPage page) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = json.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("lastEventOffset", page.lastEventOffset());
            gen.writeArrayFieldStart("events");
            for (CatalogEvent event : page.events()) {
                gen.writeStartObject();
                gen.writeStringField("type", event.type().wireName());
                gen.writeNumberField("offset", event.offset());
                gen.writeStringField("entityRef", event.entityRef());
                if (event.entityJson().isPresent()) {
                    gen.writeFieldName("entity");
                    gen.writeRawValue(new String(event.entityJson().get(), StandardCharsets.UTF_8));
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
