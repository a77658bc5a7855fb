package io.tfsync.terraform;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** The top-level object of a state or of {@code show -json} output, read key by key in any order. */
final class TopLevel {

    static final long SUPPORTED_VERSION = 4;

    private final Reading reading;
    private Long version;
    private String formatVersion;
    private String terraformVersion;
    private Long serial;
    private String lineage;

    TopLevel(Reading reading) {
        this.reading = reading;
    }

    StateSummary read() throws IOException, StateParseException {
        var parser = reading.parser;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "version" -> checkVersion(value);
                case "format_version" -> checkFormatVersion(value);
                case "terraform_version" ->
                    terraformVersion = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "serial" -> serial = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                case "lineage" -> lineage = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "encrypted_data", "encryption_version" -> {
                    if (version == null) {
                        throw reading.error("is an OpenTofu encrypted state; decrypt it first (for example with"
                                + " tofu state pull and the encryption configuration), tfsync reads plain state");
                    }
                    parser.skipChildren();
                }
                case "resources" ->
                    streamUnless(formatVersion != null, () -> new StateV4Reader(reading).readResources());
                case "values" -> streamUnless(version != null, () -> new ShowJsonReader(reading).readValues());
                default -> parser.skipChildren();
            }
        }
        if (version == null && formatVersion == null) {
            throw reading.error("has neither \"version\" nor \"format_version\"; it is not a Terraform state");
        }
        return version != null
                ? new StateSummary(
                        StateSummary.Format.STATE_V4,
                        Long.toString(version),
                        terraformVersion,
                        serial,
                        lineage,
                        reading.managed,
                        reading.data,
                        reading.deposed,
                        reading.emptyResources)
                : new StateSummary(
                        StateSummary.Format.SHOW_JSON,
                        formatVersion,
                        terraformVersion,
                        null,
                        null,
                        reading.managed,
                        reading.data,
                        reading.deposed,
                        reading.emptyResources);
    }

    private interface Step {
        void run() throws IOException, StateParseException;
    }

    // "resources" belongs to a state and "values" to show -json; in the other document they are skipped.
    private void streamUnless(boolean skip, Step step) throws IOException, StateParseException {
        if (skip) {
            reading.parser.skipChildren();
            return;
        }
        step.run();
    }

    private void checkVersion(JsonToken value) throws IOException, StateParseException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw reading.error("has a \"version\" that is not a whole number");
        }
        version = reading.parser.getLongValue();
        if (version != SUPPORTED_VERSION) {
            throw reading.error("is a state of format version " + version + "; tfsync reads format version 4,"
                    + " written by Terraform 0.12 to 1.x and OpenTofu (a version 3 state needs Terraform 0.12"
                    + " or later to upgrade it)");
        }
    }

    private void checkFormatVersion(JsonToken value) throws IOException, StateParseException {
        if (value != JsonToken.VALUE_STRING) {
            throw reading.error("has a \"format_version\" that is not a string");
        }
        formatVersion = reading.parser.getText();
        if (!formatVersion.startsWith("1.")) {
            throw reading.error("is terraform show -json output of format_version " + formatVersion
                    + "; tfsync reads format_version 1.x");
        }
    }
}
