package io.tfsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.terraform.MappingRules;
import io.tfsync.terraform.MappingRulesException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the top of the file into a {@link TfsyncConfig}: reads each section with its defaults, then
 * checks what spans sections (a Terraform Cloud workspace needs a token). Wrong values are reported and
 * replaced by defaults so that one pass finds every problem; the result is used only when none was found.
 */
final class ConfigBinder {

    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Section top;
    private final Path folder;
    private final Problems problems;

    ConfigBinder(Section top, Path folder) {
        this.top = top;
        this.folder = folder;
        this.problems = top.problems();
    }

    TfsyncConfig bind() {
        ServerConfig server = server(top.section("server"));
        DatabaseConfig database = database(top.section("database"));
        Section tfcSection = top.section("terraformCloud");
        TerraformCloudConfig terraformCloud = new TerraformCloudConfig(
                Values.httpUrl(tfcSection, "baseUrl", "https://app.terraform.io")
                        .orElse(TerraformCloudConfig.DEFAULT_BASE_URL),
                Values.secret(tfcSection, "token"));
        tfcSection.rejectUnknownKeys();
        Section githubSection = top.section("github");
        GithubConfig github = new GithubConfig(
                Values.httpUrl(githubSection, "apiUrl", "https://api.github.com")
                        .orElse(GithubConfig.DEFAULT_API_URL),
                Values.secret(githubSection, "token"),
                Values.secret(githubSection, "webhookSecret"));
        githubSection.rejectUnknownKeys();
        SecretsConfig secrets = secrets(top.section("secrets"));
        WorkspaceBinder workspaceBinder = new WorkspaceBinder(folder);
        AuthConfig auth = workspaceBinder.auth(top.section("auth"));
        List<WorkspaceConfig> workspaces = workspaceBinder.workspaces(top, "workspaces");
        JsonNode mapping = mapping();
        EventsConfig events = events(top.section("events"));
        SynchronizationConfig synchronization = new SynchronizationBinder().bind(top.section("synchronization"));
        top.rejectUnknownKeys();

        if (terraformCloud.token().isEmpty()) {
            workspaceBinder
                    .firstTfcWorkspace()
                    .ifPresent(
                            w -> report(
                                    tfcSection,
                                    "token",
                                    "required because " + w
                                            + " reads its state from Terraform Cloud; expected an API token, e.g. token: ${TFC_TOKEN}"));
        }
        // The key may be left out (tfsync setup github-webhook stores a secret per repository), but one that is
        // written and comes out empty is a variable that is not set, which would refuse every delivery.
        if (github.webhookSecret().isEmpty()
                && githubSection.node("webhookSecret").isPresent()
                && synchronization.webhooks().github().enabled()) {
            workspaceBinder
                    .firstRepositoryWorkspace()
                    .ifPresent(w -> report(
                            githubSection,
                            "webhookSecret",
                            "is empty, but " + w + " follows a GitHub repository and GitHub webhooks are enabled;"
                                    + " give the secret GitHub signs with, or leave the key out and run"
                                    + " tfsync setup github-webhook OWNER/REPO"));
        }
        return new TfsyncConfig(
                server, database, terraformCloud, github, secrets, auth, workspaces, mapping, events, synchronization);
    }

    private ServerConfig server(Section section) {
        int port = (int) section.integer("port", ServerConfig.DEFAULT_PORT, 0, 65535);
        String host = section.string("host", ServerConfig.DEFAULT_HOST).trim();
        URI baseUrl = Values.httpUrl(section, "baseUrl", "https://tfsync.example.com")
                .orElse(ServerConfig.defaultBaseUrl(host, port));
        section.rejectUnknownKeys();
        return new ServerConfig(port, host, baseUrl);
    }

    private DatabaseConfig database(Section section) {
        String url = DatabaseConfig.SQLITE_PREFIX
                + folder.resolve(TfsyncConfig.DEFAULT_DATA_DIR).resolve(TfsyncConfig.DATABASE_FILE);
        Optional<YamlNode.Scalar> given = section.scalar("url", "a JDBC URL");
        boolean postgres = false;
        if (given.isPresent()) {
            String text = given.get().text().trim();
            if (text.startsWith(DatabaseConfig.SQLITE_PREFIX)) {
                url = DatabaseConfig.SQLITE_PREFIX
                        + resolveSqlitePath(text.substring(DatabaseConfig.SQLITE_PREFIX.length()));
            } else if (text.startsWith(DatabaseConfig.POSTGRESQL_PREFIX)) {
                url = text;
                postgres = true;
            } else {
                // Only the scheme is shown: a JDBC URL can carry a password in its parameters.
                int colon = text.startsWith("jdbc:") ? text.indexOf(':', 5) : -1;
                String shown = colon > 0 ? " (" + text.substring(0, colon + 1) + "...)" : "";
                problems.add(
                        section.pathOf("url"),
                        given.get(),
                        "unsupported database URL" + shown
                                + "; expected one starting with jdbc:sqlite: (e.g. jdbc:sqlite:./tfsync-data/tfsync.db)"
                                + " or jdbc:postgresql: (e.g. jdbc:postgresql://localhost:5432/tfsync)");
            }
        }
        Optional<String> user = section.optionalString("user");
        Optional<Secret> password = Values.secret(section, "password");
        Optional<String> schema = section.scalar("schema", "a schema name").flatMap(s -> {
            if (SCHEMA.matcher(s.text()).matches()) {
                return Optional.of(s.text());
            }
            problems.add(
                    section.pathOf("schema"),
                    s,
                    "'" + s.text() + "' is not a valid schema name; expected"
                            + " letters, digits and _, starting with a letter or _ (at most 63)");
            return Optional.empty();
        });
        if (!postgres) {
            for (String key : List.of("user", "password", "schema")) {
                section.scalar(key, "a string")
                        .ifPresent(s -> problems.add(
                                section.pathOf(key),
                                s,
                                "applies only to a jdbc:postgresql: database; remove it or use a PostgreSQL URL"));
            }
        }
        section.rejectUnknownKeys();
        return new DatabaseConfig(url, user, password, schema);
    }

    /** A relative SQLite file is relative to the configuration file, as every path in the file is. */
    private String resolveSqlitePath(String rest) {
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
            return rest;
        }
        return folder.resolve(file).normalize() + (query < 0 ? "" : rest.substring(query));
    }

    private SecretsConfig secrets(Section section) {
        Optional<YamlNode.Scalar> key = section.scalar("key", "base64 of 32 bytes");
        section.rejectUnknownKeys();
        if (key.isEmpty()) {
            return SecretsConfig.none();
        }
        Optional<byte[]> bytes = SecretsConfig.decode(key.get().text());
        if (bytes.isEmpty() || bytes.get().length != SecretsConfig.KEY_BYTES) {
            String got = bytes.map(b -> "it decodes to " + b.length + " bytes").orElse("it is not base64");
            problems.add(
                    section.pathOf("key"),
                    key.get(),
                    "expected base64 of 32 random bytes (e.g. the output of" + " 'openssl rand -base64 32'), but "
                            + got);
            return SecretsConfig.none();
        }
        return new SecretsConfig(Optional.of(new Secret(key.get().text().trim())));
    }

    private EventsConfig events(Section section) {
        Section retention = section.section("retention");
        EventsConfig.Retention value = new EventsConfig.Retention(
                Values.isoDuration(retention, "maxAge", EventsConfig.Retention.DEFAULT_MAX_AGE),
                retention.integer("maxEvents", EventsConfig.Retention.DEFAULT_MAX_EVENTS, 1, Long.MAX_VALUE));
        retention.rejectUnknownKeys();
        section.rejectUnknownKeys();
        return new EventsConfig(value);
    }

    /** Kept as written (after interpolation) for the mapping rules, which define its keys. */
    private JsonNode mapping() {
        Optional<YamlNode> node = top.node("mapping");
        if (node.isEmpty() || (node.get() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL)) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(node.get() instanceof YamlNode.Mapping)) {
            problems.add(
                    "mapping",
                    node.get(),
                    "expected a mapping of mapping rules, got " + node.get().describe());
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode mapping = json(node.get());
        if (problems.anyUnder("mapping")) {
            return mapping; // a value that could not be read says so already; the rules would only echo it
        }
        try {
            MappingRules.from(mapping);
        } catch (MappingRulesException e) {
            // Found at load time, so serve and sync refuse the file as they refuse any other mistake.
            problems.add(e.key(), node.get(), e.getMessage().substring(e.key().length() + 2));
        }
        return mapping;
    }

    static JsonNode json(YamlNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (node) {
            case YamlNode.Mapping m -> {
                ObjectNode object = f.objectNode();
                m.entries().values().forEach(e -> object.set(e.key(), json(e.value())));
                yield object;
            }
            case YamlNode.Sequence s -> {
                ArrayNode array = f.arrayNode();
                s.items().forEach(i -> array.add(json(i)));
                yield array;
            }
            case YamlNode.Scalar s ->
                switch (s.kind()) {
                    case STRING -> f.textNode(s.text());
                    case INTEGER -> f.numberNode(new BigInteger(s.text()));
                    case DECIMAL -> f.numberNode(new BigDecimal(s.text()));
                    case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(s.text()));
                    case NULL -> f.nullNode();
                };
        };
    }

    /** A problem about a key that may be given empty (reported at its value) or not at all. */
    private void report(Section section, String key, String message) {
        Optional<YamlNode> node = section.node(key);
        if (node.isPresent()) {
            problems.add(section.pathOf(key), node.get(), message);
        } else {
            problems.add(section.pathOf(key), section.mark(), message);
        }
    }
}
