package io.tfsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.ConfigLoader;
import io.tfsync.config.TfsyncConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.config.WorkspaceFolders;
import io.tfsync.terraform.EntityMapper;
import io.tfsync.terraform.MappingRules;
import io.tfsync.terraform.MappingRulesException;
import io.tfsync.terraform.StateEntities;
import io.tfsync.terraform.StateParseException;
import io.tfsync.terraform.StateParser;
import io.tfsync.terraform.StateSummary;
import io.tfsync.terraform.WorkspaceContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tfsync preview STATE}: the entities a state maps to, printed and nothing written. Without a
 * configuration any workspace name goes, with owner {@code unknown} and tenant and business unit
 * {@code default}; with one, the named workspace's settings and the mapping rules apply.
 */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the catalog entities a Terraform state maps to; changes nothing.",
            "STATE is a state file (format 4) or `terraform show -json` output; - reads stdin.",
            "Without --config: the workspace is NAME (default: the file's name), spec.owner is 'unknown', and the"
                    + " tenant and business-unit labels are 'default'.",
            "A summary goes to stderr. Exit 0: printed; 1: the state could not be read; 2: usage or configuration"
                    + " error."
        })
final class PreviewCommand implements Callable<Integer> {

    enum Format {
        yaml,
        json
    }

    static final String DEFAULT_LABEL = "default";

    @Parameters(index = "0", paramLabel = "STATE", description = "State file, or - for stdin.")
    String state;

    @Option(names = "--workspace", paramLabel = "NAME", description = "Workspace name (with --config: its id).")
    String workspace;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file: workspace settings and mapping rules.")
    Path config;

    @Option(
            names = "--format",
            defaultValue = "yaml",
            description = "yaml (multi-document catalog-info) or json (one array); default ${DEFAULT-VALUE}.")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean stdin = state.equals("-");
        String name = workspace != null ? workspace : stdin ? "stdin" : defaultName(Path.of(state));
        WorkspaceContext context;
        MappingRules rules;
        if (config != null) {
            TfsyncConfig loaded = ConfigLoader.load(config);
            WorkspaceConfig configured = WorkspaceFolders.expand(loaded.workspaces()).stream()
                    .filter(w -> w.id().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new UsageException("no workspace '" + name + "' in " + config + "; configured: "
                            + loaded.workspaces().stream()
                                    .map(WorkspaceConfig::id)
                                    .collect(Collectors.joining(", "))
                            + " (name one with --workspace)"));
            context = configured.mappingContext();
            try {
                rules = MappingRules.from(loaded.mapping());
            } catch (MappingRulesException e) {
                throw new UsageException(config + ": " + e.getMessage());
            }
        } else {
            context = adHoc(name);
            rules = MappingRules.defaults();
        }
        StateEntities sink = new StateEntities(new EntityMapper(context, rules));
        String source = stdin ? "standard input" : state;
        StateSummary summary;
        try (InputStream in = stdin ? System.in : open(Path.of(state))) {
            summary = StateParser.parse(new BufferedInputStream(in, 64 * 1024), source, sink);
        } catch (StateParseException e) {
            throw new PreviewFailure(e.getMessage());
        }
        List<Entity> entities = sink.entities();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? json(entities) : yaml(entities));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(summary(source, summary, entities.size(), sink.excluded()));
        err.flush();
        return TfsyncCommand.OK;
    }

    /** A state that could not be read: exit 1 with the parser's sentence (file, line, column). */
    static final class PreviewFailure extends RuntimeException {
        PreviewFailure(String message) {
            super(message);
        }
    }

    static String summary(String source, StateSummary summary, int entities, long excluded) {
        StringBuilder text = new StringBuilder()
                .append("read ")
                .append(summary.managedInstances())
                .append(" managed resource instances from ")
                .append(source)
                .append(": ")
                .append(entities)
                .append(entities == 1 ? " entity, " : " entities, ")
                .append(excluded)
                .append(" excluded by rule, ")
                .append(summary.dataInstancesSkipped())
                .append(summary.dataInstancesSkipped() == 1 ? " data source" : " data sources")
                .append(" skipped");
        if (summary.deposedObjectsSkipped() > 0) {
            text.append(", ").append(summary.deposedObjectsSkipped()).append(" deposed objects skipped");
        }
        return text.toString();
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no state file at " + file.toAbsolutePath().normalize());
        }
    }

    static String defaultName(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : List.of(".tfstate", ".json")) {
            if (name.toLowerCase(Locale.ROOT).endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static WorkspaceContext adHoc(String name) {
        if (name.isBlank()) {
            throw new UsageException("--workspace must not be blank");
        }
        return new WorkspaceContext(
                name, DEFAULT_LABEL, DEFAULT_LABEL, EntityRef.DEFAULT_NAMESPACE, "unknown", Optional.empty());
    }

    private static String json(List<Entity> entities) throws JsonProcessingException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = json.createArrayNode();
        entities.forEach(e -> array.add(e.toJson()));
        return json.writeValueAsString(array) + System.lineSeparator();
    }

    private static String yaml(List<Entity> entities) throws JsonProcessingException {
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build());
        StringBuilder out = new StringBuilder();
        for (Entity entity : entities) {
            out.append(yaml.writeValueAsString(entity.toJson()));
        }
        return out.toString();
    }
}
