package io.tfsync.catalog;

/** A source claimed a ref that another source already owns; the entity was left as it was. */
public record OwnershipConflict(EntityRef ref, String claimedBy, String ownedBy) {}
