package io.tfsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.client.EventStreamClient;
import io.tfsync.client.EventStreamException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tfsync events ...}: the catalog event stream from the command line. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Reads the catalog event stream of a running tfsync service.",
        subcommands = {EventsCommand.Tail.class})
final class EventsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new UsageException("say what to do with the event stream, e.g. 'tfsync events tail'");
    }

    /**
     * {@code tfsync events tail}: follows the stream and prints one JSON event per line, from the
     * stream's current end unless {@code --offset} says where.
     */
    @Command(
            name = "tail",
            mixinStandardHelpOptions = true,
            description = {
                "Follows the catalog event stream and prints one JSON event per line until stopped (Ctrl-C).",
                "Starts at the stream's current end, or after --offset (0: the whole retained log).",
                "When retention has removed events after the offset it reads from, it says so on stderr and",
                "goes on from the current end."
            })
    static final class Tail implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Option(
                names = "--url",
                paramLabel = "URL",
                defaultValue = "http://127.0.0.1:7007",
                description = "The tfsync service (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--offset", paramLabel = "N", description = "Print the events after this offset.")
        Long offset;

        @Option(
                names = "--kind",
                paramLabel = "KIND",
                split = ",",
                description = "Only events of entities of this kind (repeatable or comma-separated).")
        List<String> kinds = List.of();

        @Option(
                names = "--token",
                paramLabel = "TOKEN",
                description = "API token with the events.read scope (default: $TFSYNC_TOKEN, or none on loopback).")
        String token;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (offset != null && offset < 0) {
                throw new UsageException("--offset " + offset + " is negative; offsets start at 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<String> bearer = Optional.ofNullable(token)
                    .or(() -> Optional.ofNullable(System.getenv("TFSYNC_TOKEN")))
                    .filter(t -> !t.isBlank());
            EventStreamClient client = new EventStreamClient(url, bearer);
            Set<String> kindSet = new LinkedHashSet<>(kinds);
            try {
                long from = offset != null ? offset : client.currentOffset();
                err.println("following " + url + " after offset " + from
                        + (kindSet.isEmpty() ? "" : " (kinds: " + String.join(", ", kindSet) + ")"));
                err.flush();
                client.follow(
                        from,
                        kindSet,
                        new EventStreamClient.Listener() {
                            @Override
                            public void bootstrapped(EventStreamClient.Snapshot snapshot) {
                                err.println("retention removed events this tail had not printed; going on after"
                                        + " offset " + snapshot.offset());
                                err.flush();
                            }

                            @Override
                            public void event(EventStreamClient.Event event) {
                                out.println(line(event));
                                out.flush();
                            }
                        },
                        () -> !out.checkError());
                return 0;
            } catch (EventStreamException e) {
                err.println("tfsync events tail: " + e.getMessage());
                return 1;
            }
        }

        private static String line(EventStreamClient.Event event) {
            ObjectNode node = JSON.createObjectNode()
                    .put("type", event.type())
                    .put("offset", event.offset())
                    .put("entityRef", event.entityRef());
            if (event.entity() != null) {
                node.set("entity", event.entity());
            }
            return node.toString();
        }
    }
}
