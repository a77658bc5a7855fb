package io.tfsync.http;

import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.FacetCount;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.events.EventStream;
import io.tfsync.events.LogBounds;
import io.tfsync.sync.DriftMark;
import io.tfsync.sync.EntitySource;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page at {@code /}: what this service is, what it holds and where to look next, for a newcomer
 * who has not read the code. Counts are shown only to a caller allowed to read the catalog, and only
 * for the tenants it may see.
 */
public final class StatusPage {

    /** Facts about the running service the page shows. */
    public record Facts(String version, String database, Instant startedAt) {}

    private StatusPage() {}

    static String render(Facts facts, Caller caller, EntityRepository entities, SyncService sync, EventStream events) {
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tfsync</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
                        + "color:#222}table{border-collapse:collapse}td,th{padding:.2rem .8rem;text-align:left;"
                        + "border-bottom:1px solid #ddd}code{background:#f4f4f4;padding:0 .2rem}</style></head><body>")
                .append("<h1>tfsync</h1>")
                .append("<p>Keeps a Backstage software catalog in sync with Terraform: it reads each workspace's "
                        + "state, turns its resources into catalog entities and serves them through a "
                        + "Backstage-compatible catalog API, and publishes every change as an ordered event "
                        + "stream.</p>")
                .append("<h2>Service</h2><table>")
                .append(row("Version", facts.version()))
                .append(row("Database", facts.database()))
                .append(row("Up since", facts.startedAt() + " (" + uptime(facts.startedAt()) + ")"))
                .append("</table>");
        if (caller != null && caller.has(Caller.CATALOG_READ)) {
            Map<String, List<FacetCount>> kinds = entities.facets(caller.scope(), List.of("kind"), EntityFilter.ALL);
            long total = entities.count(caller.scope(), EntityFilter.ALL, null);
            html.append("<h2>Catalog</h2><p>").append(total).append(" entities");
            if (caller.scope() instanceof TenantScope.Tenants t) {
                html.append(" in tenant ").append(escape(String.join(", ", t.tenants())));
            }
            html.append(".</p><table><tr><th>Kind</th><th>Entities</th></tr>");
            for (FacetCount kind : kinds.getOrDefault("kind", List.of())) {
                html.append(row(kind.value(), Long.toString(kind.count())));
            }
            html.append("</table>");
            workspaces(html, caller.scope(), sync);
            LogBounds bounds = events.bounds();
            html.append("<h2>Event stream</h2><table>")
                    .append(row("Last offset", Long.toString(bounds.last())))
                    .append(row(
                            "Retained from",
                            bounds.floor() == 0
                                    ? "the first event"
                                    : "offset " + bounds.floor() + " (and the latest event of each entity before it)"))
                    .append(row(
                            "Consumers waiting now",
                            Integer.toString(events.signal().waiting())))
                    .append("</table>");
        } else {
            html.append("<p>Sign in with an API token to see the catalog's contents.</p>");
        }
        html.append("<h2>Look next</h2><ul>")
                .append(link("/api/catalog/entities", "All entities (JSON)"))
                .append(link("/api/catalog/entity-facets?facet=kind&facet=spec.type", "Entities by kind and type"))
                .append(link("/api/catalog/events?limit=20", "The first events of the stream"))
                .append(link("/api/sync/workspaces", "Workspaces and their last sync"))
                .append(link("/api/sync/history", "Sync history, newest first"))
                .append(link("/openapi.yaml", "The HTTP API (OpenAPI 3.1)"))
                .append(link("/metrics", "Prometheus metrics"))
                .append(link("/readyz", "Readiness"))
                .append("</ul></body></html>");
        return html.toString();
    }

    /** Each visible workspace with where its state comes from and how its last sync went. */
    private static void workspaces(StringBuilder html, TenantScope scope, SyncService sync) {
        List<WorkspaceConfig> visible = sync.workspaces().stream()
                .filter(w -> scope.includes(w.tenant()))
                .toList();
        html.append("<h2>Workspaces</h2>");
        if (visible.isEmpty()) {
            html.append("<p>No Terraform workspaces are configured; add them under <code>workspaces:</code> in the "
                    + "configuration file.</p>");
            return;
        }
        html.append("<table><tr><th>Workspace</th><th>State from</th><th>Last sync</th><th>Changes</th>"
                + "<th>Drift</th></tr>");
        for (WorkspaceConfig workspace : visible) {
            html.append("<tr><td>")
                    .append(escape(workspace.id()))
                    .append("</td><td><code>")
                    .append(escape(workspace.source().describe()))
                    .append("</code></td>");
            lastSync(html, sync, workspace.id());
            html.append("<td>")
                    .append(escape(sync.history()
                            .driftOf(workspace.id())
                            .map(DriftMark::annotation)
                            .orElse("none reported")))
                    .append("</td></tr>");
        }
        html.append("</table>");
        List<EntitySource> sources =
                sync.sources().stream().filter(s -> scope.includes(s.tenant())).toList();
        if (!sources.isEmpty()) {
            html.append("<h2>GitHub repositories</h2><p>Each one's <code>Component</code>, synced from its "
                    + "<code>.backstage/config.yaml</code> when GitHub says it changed "
                    + "(<code>POST /api/sync/github-webhook</code>).</p>");
            html.append("<table><tr><th>Source</th><th>Last sync</th><th>Changes</th></tr>");
            for (EntitySource source : sources) {
                html.append("<tr><td>").append(escape(source.id())).append("</td>");
                lastSync(html, sync, source.id());
                html.append("</tr>");
            }
            html.append("</table>");
        }
    }

    /** The cells "last sync" and "changes" of a sync target. */
    private static void lastSync(StringBuilder html, SyncService sync, String target) {
        Optional<SyncRecord> last = sync.history().lastSync(target);
        String when = last.map(
                        r -> r.status() + " " + r.finishedAt().or(r::startedAt).orElse(r.queuedAt()))
                .orElse("never synced");
        String changes = last.map(r -> r.error().orElse(r.counts())).orElse("");
        html.append("<td>")
                .append(escape(when))
                .append("</td><td>")
                .append(escape(changes))
                .append("</td>");
    }

    private static String uptime(Instant startedAt) {
        Duration up = Duration.between(startedAt, Instant.now());
        return up.toHours() + "h " + up.toMinutesPart() + "m " + up.toSecondsPart() + "s";
    }

    private static String row(String key, String value) {
        return "<tr><td>" + escape(key) + "</td><td>" + escape(value) + "</td></tr>";
    }

    private static String link(String href, String text) {
        return "<li><a href=\"" + escape(href) + "\">" + escape(text) + "</a> <code>" + escape(href) + "</code></li>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
