package io.tfsync.events;

import java.util.List;

/**
 * One answer of the stream: the events found, in offset order, and {@code lastEventOffset}, the last
 * offset the read covered. With filters or tenant walls that is past the last event returned, so a
 * consumer that continues from it moves past the gaps without missing anything that matches.
 */
public record EventPage(List<CatalogEvent> events, long lastEventOffset) {
    public EventPage {
        events = List.copyOf(events);
    }
}
