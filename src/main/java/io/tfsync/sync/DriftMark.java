package io.tfsync.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift Terraform Cloud's health assessment reported for a workspace, until an applied run clears it.
 * Its entities carry {@link #annotation()}, which holds the counts only: a new assessment that finds the
 * same drift changes no entity.
 */
public record DriftMark(
        long resourcesDrifted, long resourcesUndrifted, Optional<String> assessmentId, Instant reportedAt) {

    /** The annotation every entity of a drifted workspace carries. */
    public static final String ANNOTATION = "tfsync.io/drift";

    public DriftMark {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }

    /** The annotation's value, e.g. {@code 4 of 59 resources drifted (Terraform Cloud health assessment)}. */
    public String annotation() {
        return resourcesDrifted + " of " + (resourcesDrifted + resourcesUndrifted)
                + " resources drifted (Terraform Cloud health assessment)";
    }
}
