package io.tfsync.terraform;

import java.util.Objects;

/**
 * What a parsed state said about itself, and how many of its objects were emitted or skipped.
 *
 * @param format which kind of document it was
 * @param formatVersion the {@code version} of a state ("4") or the {@code format_version} of {@code
 *     terraform show -json} output ("1.0")
 * @param terraformVersion the Terraform or OpenTofu version that wrote it, or null if absent
 * @param serial the state serial, or null if absent (always absent in {@code show -json} output)
 * @param lineage the state lineage, or null if absent (always absent in {@code show -json} output)
 * @param managedInstances managed resource instances emitted to the callback
 * @param dataInstancesSkipped data source instances, counted and not emitted
 * @param deposedObjectsSkipped deposed objects left by create_before_destroy, counted and not emitted
 * @param resourcesWithoutInstances resources (managed or data) whose instance list was empty
 */
public record StateSummary(
        Format format,
        String formatVersion,
        String terraformVersion,
        Long serial,
        String lineage,
        long managedInstances,
        long dataInstancesSkipped,
        long deposedObjectsSkipped,
        long resourcesWithoutInstances) {

    /** The two documents the parser reads. */
    public enum Format {
        /** A state file, format version 4. */
        STATE_V4,
        /** The output of {@code terraform show -json} (or {@code tofu show -json}) for a state. */
        SHOW_JSON
    }

    public StateSummary {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(formatVersion, "formatVersion");
        if (managedInstances < 0
                || dataInstancesSkipped < 0
                || deposedObjectsSkipped < 0
                || resourcesWithoutInstances < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
