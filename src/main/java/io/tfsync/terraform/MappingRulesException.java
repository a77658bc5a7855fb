package io.tfsync.terraform;

/** The {@code mapping:} block is not what {@link MappingRules#from} reads; the message names the key. */
public final class MappingRulesException extends RuntimeException {

    private final String key;

    public MappingRulesException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The dotted key that is wrong, such as {@code mapping.include.types[1]}. */
    public String key() {
        return key;
    }
}
