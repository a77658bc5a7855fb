package io.tfsync.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Terraform state files (format 4) written for tests: {@code TestStates.state().bucket("logs",
 * "team-a").write(path)} holds one {@code aws_s3_bucket.logs} tagged {@code Team=team-a}. Each
 * write bumps the serial, as Terraform does; the lineage stays.
 */
public final class TestStates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS = "provider[\"registry.terraform.io/hashicorp/aws\"]";

    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();
    private String lineage = "3f6a1c1e-0b1d-4c55-9b8e-5d7f2d1c0a11";
    private long serial = 1;

    private TestStates() {}

    public static TestStates state() {
        return new TestStates();
    }

    public TestStates lineage(String lineage) {
        this.lineage = lineage;
        return this;
    }

    public TestStates serial(long serial) {
        this.serial = serial;
        return this;
    }

    /** An S3 bucket named {@code name}, with a {@code Team} tag. */
    public TestStates bucket(String name, String team) {
        ObjectNode attributes = JSON.createObjectNode()
                .put("id", name)
                .put("bucket", name)
                .put("arn", "arn:aws:s3:::" + name)
                .put("region", "eu-west-1");
        attributes.putObject("tags").put("Team", team);
        return resource("aws_s3_bucket", name, attributes);
    }

    /** {@code count} buckets {@code prefix-0 ...}, as one resource with count keys. */
    public TestStates buckets(String prefix, int count) {
        ObjectNode resource = resourceNode("aws_s3_bucket", prefix);
        ArrayNode instances = resource.putArray("instances");
        for (int i = 0; i < count; i++) {
            ObjectNode instance = instances.addObject().put("index_key", i).put("schema_version", 0);
            ObjectNode attributes = instance.putObject("attributes")
                    .put("id", prefix + "-" + i)
                    .put("arn", "arn:aws:s3:::" + prefix + "-" + i)
                    .put("region", "eu-west-1");
            attributes.putObject("tags").put("Name", prefix + " " + i);
            instance.putArray("sensitive_attributes");
        }
        resources.put("aws_s3_bucket." + prefix, resource);
        return this;
    }

    public TestStates resource(String type, String name, ObjectNode attributes) {
        ObjectNode resource = resourceNode(type, name);
        ObjectNode instance = resource.putArray("instances").addObject().put("schema_version", 0);
        instance.set("attributes", attributes);
        instance.putArray("sensitive_attributes");
        resources.put(type + "." + name, resource);
        return this;
    }

    public TestStates without(String address) {
        resources.remove(address);
        return this;
    }

    private static ObjectNode resourceNode(String type, String name) {
        return JSON.createObjectNode()
                .put("mode", "managed")
                .put("type", type)
                .put("name", name)
                .put("provider", AWS);
    }

    public String json() {
        ObjectNode state = JSON.createObjectNode()
                .put("version", 4)
                .put("terraform_version", "1.9.8")
                .put("serial", serial)
                .put("lineage", lineage);
        state.putObject("outputs");
        ArrayNode list = state.putArray("resources");
        resources.values().forEach(r -> list.add(r.deepCopy()));
        state.putArray("check_results");
        return state.toPrettyString();
    }

    /** Writes the state to {@code file} (replacing it) and bumps the serial for the next write. */
    public Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json());
            serial++;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
