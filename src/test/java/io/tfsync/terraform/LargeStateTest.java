package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state far larger than any instance streams through with a callback that keeps nothing. */
class LargeStateTest {

    private static final int SINGLE_RESOURCES = 100_000;
    private static final int FOR_EACH_INSTANCES = 100_000;

    @Test
    void two_hundred_thousand_instances_stream_through_a_callback_that_keeps_nothing(@TempDir Path dir)
            throws Exception {
        Path state = dir.resolve("large.tfstate");
        write(state);
        var count = new AtomicLong();
        var lastAddress = new String[1];

        StateSummary summary = StateParser.parse(state, i -> {
            count.incrementAndGet();
            lastAddress[0] = i.address();
        });

        assertThat(summary.managedInstances()).isEqualTo(SINGLE_RESOURCES + FOR_EACH_INSTANCES);
        assertThat(summary.dataInstancesSkipped()).isEqualTo(1);
        assertThat(count).hasValue(SINGLE_RESOURCES + FOR_EACH_INSTANCES);
        assertThat(lastAddress[0])
                .isEqualTo("module.big[\"k\"].aws_s3_object.o[\"key-" + (FOR_EACH_INSTANCES - 1) + "\"]");
    }

    // The version comes last on purpose: top-level keys may be in any order.
    private static void write(Path state) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(state)) {
            out.write("{\"terraform_version\":\"1.9.0\",\"serial\":1,\"lineage\":\"big\",\"resources\":[");
            out.write("{\"mode\":\"data\",\"type\":\"aws_region\",\"name\":\"r\","
                    + "\"provider\":\"provider[\\\"registry.terraform.io/hashicorp/aws\\\"]\","
                    + "\"instances\":[{\"schema_version\":0,\"attributes\":{\"name\":\"eu-west-1\"}}]}");
            for (int r = 0; r < SINGLE_RESOURCES; r++) {
                out.write(",{\"mode\":\"managed\",\"type\":\"null_resource\",\"name\":\"n" + r + "\","
                        + "\"provider\":\"provider[\\\"registry.terraform.io/hashicorp/null\\\"]\","
                        + "\"instances\":[{\"schema_version\":0,\"attributes\":{\"id\":\"" + r
                        + "\",\"triggers\":{\"a\":\"b\"}},\"sensitive_attributes\":[]}]}");
            }
            out.write(",{\"module\":\"module.big[\\\"k\\\"]\",\"mode\":\"managed\",\"type\":\"aws_s3_object\","
                    + "\"name\":\"o\",\"provider\":\"provider[\\\"registry.terraform.io/hashicorp/aws\\\"]\","
                    + "\"instances\":[");
            for (int i = 0; i < FOR_EACH_INSTANCES; i++) {
                out.write((i == 0 ? "" : ",") + "{\"index_key\":\"key-" + i + "\",\"schema_version\":0,"
                        + "\"attributes\":{\"bucket\":\"b\",\"key\":\"key-" + i + "\"},\"dependencies\":[]}");
            }
            out.write("]}],\"check_results\":null,\"version\":4}");
        }
    }
}
