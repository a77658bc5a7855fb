/**
 * The terraform room: what a Terraform state says, read without holding it in memory. The entry
 * point is {@link io.tfsync.terraform.StateParser#parse}, which streams a state (format version 4,
 * as written by Terraform 0.12 to 1.x and OpenTofu) or {@code terraform show -json} output, detected
 * from the top-level keys, and hands each managed resource instance to a callback as a {@link
 * io.tfsync.terraform.ResourceInstance}; only the current instance is ever built as a tree. It
 * answers with a {@link io.tfsync.terraform.StateSummary} and refuses what it cannot read (encrypted
 * OpenTofu states, other format versions, broken JSON) with a {@link
 * io.tfsync.terraform.StateParseException} that says where it stopped and never quotes a value.
 *
 * <p>Mapping: {@link io.tfsync.terraform.StateEntities} is the sink that turns a state's instances
 * into {@code Resource} entities with an {@link io.tfsync.terraform.EntityMapper} (one instance),
 * {@link io.tfsync.terraform.MappingRules} (the config's {@code mapping:} block) and a {@link
 * io.tfsync.terraform.WorkspaceContext}; names come from {@link io.tfsync.terraform.EntityNames},
 * and attributes pass an allow-list and a secret filter ({@code Redaction}) that no rule can widen.
 *
 * <p>Pure domain code: Jackson only; it imports no web framework, no JDBI and no {@code java.sql}.
 */
package io.tfsync.terraform;
