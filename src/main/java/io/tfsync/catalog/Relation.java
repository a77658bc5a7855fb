package io.tfsync.catalog;

import java.util.Objects;

/**
 * A directed relation Backstage derives from an entity's spec, such as {@code ownedBy}: {@code
 * source} {@code type} {@code target}. Every relation comes with its inverse ({@code ownerOf}), both
 * originating from the entity whose spec states it.
 */
public record Relation(EntityRef source, String type, EntityRef target) {
    public Relation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
    }
}
