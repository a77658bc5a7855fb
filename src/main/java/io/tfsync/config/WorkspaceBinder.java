package io.tfsync.config;

import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.InvalidEntityRefException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the two lists of named items: {@code workspaces} and {@code auth.tokens}. An item with a missing
 * or wrong required value is reported and left out.
 */
final class WorkspaceBinder {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}");
    private static final Pattern TFC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,90}");
    private static final String OWNER_FORM = "kind:namespace/name or name (kind defaults to group)";

    private final Path folder;
    private String firstTfcWorkspace;
    private String firstRepositoryWorkspace;

    WorkspaceBinder(Path folder) {
        this.folder = folder;
    }

    /**
     * The first workspace that reads from Terraform Cloud, as {@code workspaces[0] ('id')}, even if the
     * workspace is wrong otherwise: its need of a token is reported in the same pass.
     */
    Optional<String> firstTfcWorkspace() {
        return Optional.ofNullable(firstTfcWorkspace);
    }

    /** The first workspace that follows a GitHub repository, in the same form. */
    Optional<String> firstRepositoryWorkspace() {
        return Optional.ofNullable(firstRepositoryWorkspace);
    }

    List<WorkspaceConfig> workspaces(Section top, String key) {
        List<WorkspaceConfig> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<YamlNode> items = top.list(key);
        for (int i = 0; i < items.size(); i++) {
            Section section = Section.of(KeyPaths.index(top.pathOf(key), i), items.get(i), top.problems());
            workspace(section, i, seen).ifPresent(out::add);
        }
        return out;
    }

    private Optional<WorkspaceConfig> workspace(Section s, int index, Map<String, Integer> seen) {
        if (!s.present()) {
            return Optional.empty();
        }
        Optional<String> id = s.required("id", "a workspace id, " + Values.NAME_RULE)
                .flatMap(scalar -> Values.name(s, "id", scalar, "workspace id")
                        .flatMap(value -> unique(s, scalar, value, index, seen)));
        Optional<String> tenant = s.required("tenant", "the tenant the workspace belongs to, " + Values.NAME_RULE)
                .flatMap(scalar -> Values.name(s, "tenant", scalar, "tenant"));
        Optional<String> businessUnit = s.required("businessUnit", "the business unit, " + Values.NAME_RULE)
                .flatMap(scalar -> Values.name(s, "businessUnit", scalar, "business unit"));
        String namespace = namespace(s);
        Optional<EntityRef> owner = s.required("owner", "an entity ref, " + OWNER_FORM)
                .flatMap(scalar -> ref(s, "owner", scalar, "group", namespace));
        Optional<EntityRef> system =
                s.scalar("system", "a system ref").flatMap(scalar -> ref(s, "system", scalar, "system", namespace));
        Optional<SourceConfig> source = source(s);
        String described = "workspaces[" + index + "]"
                + id.map(value -> " ('" + value + "')").orElse("");
        if (firstTfcWorkspace == null
                && source.filter(SourceConfig.Tfc.class::isInstance).isPresent()) {
            firstTfcWorkspace = described;
        }
        Optional<String> schedule = Values.cron(s, "schedule");
        Optional<String> repository = s.scalar("repository", "a GitHub repository")
                .flatMap(scalar -> {
                    if (REPOSITORY.matcher(scalar.text()).matches()) {
                        return Optional.of(scalar.text());
                    }
                    s.problems()
                            .add(
                                    s.pathOf("repository"),
                                    scalar,
                                    "'" + scalar.text() + "' is not a GitHub repository;"
                                            + " expected owner/name, e.g. acme/payments-infra");
                    return Optional.empty();
                });
        if (firstRepositoryWorkspace == null && repository.isPresent()) {
            firstRepositoryWorkspace = described;
        }
        s.rejectUnknownKeys();
        if (id.isEmpty() || tenant.isEmpty() || businessUnit.isEmpty() || owner.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkspaceConfig(
                id.get(),
                tenant.get(),
                businessUnit.get(),
                namespace,
                owner.get(),
                system,
                source.get(),
                schedule,
                repository));
    }

    private static Optional<String> unique(
            Section s, YamlNode.Scalar scalar, String id, int index, Map<String, Integer> seen) {
        Integer first = seen.putIfAbsent(id.toLowerCase(Locale.ROOT), index);
        if (first != null) {
            s.problems()
                    .add(
                            s.pathOf("id"),
                            scalar,
                            "duplicate workspace id '" + id + "'; workspaces[" + first
                                    + "] already uses it (ids are compared without case)");
            return Optional.empty();
        }
        return Optional.of(id);
    }

    private static String namespace(Section s) {
        return s.scalar("namespace", "a namespace")
                .flatMap(scalar -> {
                    if (Values.NAMESPACE.matcher(scalar.text()).matches()) {
                        return Optional.of(scalar.text());
                    }
                    s.problems()
                            .add(
                                    s.pathOf("namespace"),
                                    scalar,
                                    "'" + scalar.text() + "' is not a valid" + " namespace; expected "
                                            + Values.NAMESPACE_RULE);
                    return Optional.empty();
                })
                .orElse(WorkspaceConfig.DEFAULT_NAMESPACE);
    }

    private static Optional<EntityRef> ref(
            Section s, String key, YamlNode.Scalar scalar, String defaultKind, String namespace) {
        String text = scalar.text().trim();
        String why;
        try {
            EntityRef ref = EntityRef.parse(text, defaultKind, namespace);
            if (!ref.kind().equalsIgnoreCase(defaultKind) && key.equals("system")) {
                why = "the kind must be system";
            } else if (!ref.kind().matches("[A-Za-z][A-Za-z0-9]*")) {
                why = "the kind '" + ref.kind() + "' is not a valid kind";
            } else if (!Values.NAMESPACE
                    .matcher(ref.namespace().toLowerCase(Locale.ROOT))
                    .matches()) {
                why = "the namespace '" + ref.namespace() + "' is not " + Values.NAMESPACE_RULE;
            } else if (!Values.NAME.matcher(ref.name()).matches()) {
                why = "the name '" + ref.name() + "' is not valid (" + Values.NAME_RULE + ")";
            } else {
                return Optional.of(ref);
            }
        } catch (InvalidEntityRefException e) {
            String message = e.getMessage();
            int reason = message.indexOf("': ");
            why = reason < 0 ? message : message.substring(reason + 3);
        }
        String form = key.equals("owner") ? OWNER_FORM : "system:namespace/name or name";
        s.problems()
                .add(
                        s.pathOf(key),
                        scalar,
                        "'" + text + "' is not a valid " + key + " ref: " + why + "; expected " + form);
        return Optional.empty();
    }

    private Optional<SourceConfig> source(Section workspace) {
        Optional<YamlNode> node = workspace.node("source");
        String forms = "{ type: tfc, organization: ORG, workspace: NAME } or { type: file, path: FILE }";
        if (node.isEmpty() || (node.get() instanceof YamlNode.Scalar scalar && scalar.isBlank())) {
            workspace
                    .problems()
                    .add(
                            workspace.pathOf("source"),
                            workspace.mark(),
                            "required key is missing;" + " expected " + forms);
            return Optional.empty();
        }
        Section s = workspace.section("source");
        if (!s.present()) {
            return Optional.empty();
        }
        Optional<YamlNode.Scalar> type = s.required("type", "tfc or file");
        if (type.isEmpty()) {
            s.ignoreRest();
            return Optional.empty();
        }
        Optional<SourceConfig> out = switch (type.get().text().trim()) {
            case "tfc" -> {
                Optional<String> organization = tfcName(s, "organization");
                Optional<String> name = tfcName(s, "workspace");
                yield organization.isPresent() && name.isPresent()
                        ? Optional.of(new SourceConfig.Tfc(organization.get(), name.get()))
                        : Optional.empty();
            }
            case "file" ->
                s.required("path", "the path of a state file, absolute or relative to this file")
                        .flatMap(scalar -> file(s, scalar));
            default -> {
                s.problems()
                        .add(
                                s.pathOf("type"),
                                type.get(),
                                "unknown source type '" + type.get().text() + "'; expected one of: tfc, file");
                s.ignoreRest();
                yield Optional.empty();
            }
        };
        s.rejectUnknownKeys();
        return out;
    }

    private static Optional<String> tfcName(Section s, String key) {
        return s.required(key, "a Terraform Cloud " + key + " name").flatMap(scalar -> {
            if (TFC_NAME.matcher(scalar.text()).matches()) {
                return Optional.of(scalar.text());
            }
            s.problems()
                    .add(
                            s.pathOf(key),
                            scalar,
                            "'" + scalar.text() + "' is not a valid Terraform Cloud " + key
                                    + " name; expected at most 90 letters, digits, '-' and '_'");
            return Optional.empty();
        });
    }

    private Optional<SourceConfig> file(Section s, YamlNode.Scalar scalar) {
        Path path;
        try {
            path = folder.resolve(scalar.text()).normalize();
        } catch (InvalidPathException e) {
            s.problems().add(s.pathOf("path"), scalar, "'" + scalar.text() + "' is not a valid path: " + e.getReason());
            return Optional.empty();
        }
        if (!Files.exists(path)) {
            s.problems()
                    .add(
                            s.pathOf("path"),
                            scalar,
                            "no state file at " + path + " (relative paths are relative to"
                                    + " the folder of this configuration file); expected an existing file or folder");
            return Optional.empty();
        }
        return Optional.of(new SourceConfig.File(path));
    }

    AuthConfig auth(Section auth) {
        List<TokenConfig> tokens = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> hashes = new HashMap<>();
        List<YamlNode> items = auth.list("tokens");
        for (int i = 0; i < items.size(); i++) {
            Section s = Section.of(KeyPaths.index(auth.pathOf("tokens"), i), items.get(i), auth.problems());
            if (s.present()) {
                token(s, i, names, hashes).ifPresent(tokens::add);
            }
        }
        auth.rejectUnknownKeys();
        return new AuthConfig(tokens);
    }

    private static Optional<TokenConfig> token(
            Section s, int index, Map<String, Integer> names, Map<String, Integer> hashes) {
        Optional<String> name = s.required("name", "a name for the token, " + Values.NAME_RULE)
                .flatMap(scalar -> Values.name(s, "name", scalar, "token name").flatMap(value -> {
                    Integer first = names.putIfAbsent(value, index);
                    if (first != null) {
                        s.problems()
                                .add(
                                        s.pathOf("name"),
                                        scalar,
                                        "duplicate token name '" + value + "'; tokens[" + first + "] already uses it");
                        return Optional.empty();
                    }
                    return Optional.of(value);
                }));
        Optional<String> sha256 = s.required("sha256", "the SHA-256 of the token as 64 hex characters")
                .flatMap(scalar -> {
                    String text = scalar.text().trim();
                    if (!TokenConfig.isSha256Hex(text)) {
                        s.problems()
                                .add(
                                        s.pathOf("sha256"),
                                        scalar,
                                        "expected the SHA-256 of the token as 64 hex"
                                                + " characters (e.g. printf %s \"$TOKEN\" | sha256sum), got "
                                                + text.length()
                                                + " characters"
                                                + (text.length() == 64 ? " that are not all hex digits" : ""));
                        return Optional.empty();
                    }
                    Integer first = hashes.putIfAbsent(text.toLowerCase(Locale.ROOT), index);
                    if (first != null) {
                        s.problems()
                                .add(
                                        s.pathOf("sha256"),
                                        scalar,
                                        "the same token hash as tokens[" + first + "]; every token must be different");
                        return Optional.empty();
                    }
                    return Optional.of(text);
                });
        Optional<String> tenant = s.required("tenant", "the tenant the token may read, " + Values.NAME_RULE)
                .flatMap(scalar -> Values.name(s, "tenant", scalar, "tenant"));
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        boolean scopesValid = true;
        List<YamlNode> items = s.list("scopes");
        for (int i = 0; i < items.size(); i++) {
            String itemPath = KeyPaths.index(s.pathOf("scopes"), i);
            Optional<Scope> scope = items.get(i) instanceof YamlNode.Scalar scalar
                    ? Scope.fromId(scalar.text().trim())
                    : Optional.empty();
            if (scope.isPresent()) {
                scopes.add(scope.get());
            } else {
                scopesValid = false;
                String got = items.get(i) instanceof YamlNode.Scalar scalar
                        ? "'" + scalar.text() + "'"
                        : items.get(i).describe();
                s.problems()
                        .add(itemPath, items.get(i), "unknown scope " + got + "; expected one of: " + Scope.allIds());
            }
        }
        if (scopes.isEmpty() && scopesValid) {
            YamlNode.Mark at = s.node("scopes").map(YamlNode::mark).orElse(s.mark());
            s.problems()
                    .add(
                            s.pathOf("scopes"),
                            at,
                            "at least one scope is required; expected a list of: " + Scope.allIds());
        }
        s.rejectUnknownKeys();
        if (name.isEmpty() || sha256.isEmpty() || tenant.isEmpty() || scopes.isEmpty() || !scopesValid) {
            return Optional.empty();
        }
        return Optional.of(new TokenConfig(name.get(), sha256.get(), tenant.get(), scopes));
    }
}
