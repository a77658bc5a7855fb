/**
 * The terraform room: what a Terraform state says, read without holding it in memory. The entry
 * point is {@link io.tfsync.terraform.StateParser#parse}, which streams a state (format version 4,
 * as written by Terraform 0.12 to 1.x and OpenTofu) or {@code terraform show -json} output, detected
 * from the top-level keys, and hands each managed resource instance to a callback as a {@link
 * io.tfsync.terraform.ResourceInstance}; only the current instance is ever built as a tree. It
 * answers with a {@link io.tfsync.terraform.StateSummary} and refuses what it cannot read (encrypted
 * OpenTofu states, other format versions, broken JSON) with a {@link
 * io.tfsync.terraform.StateParseException} that says where it stopped and never quotes a value.
 * Mapping instances to entities and redaction build on this room.
 *
 * <p>Pure domain code: Jackson only; it imports no web framework, no JDBI and no {@code java.sql}.
 */
package io.tfsync.terraform;
