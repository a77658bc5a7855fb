package io.tfsync.config;

/** Builds key paths as they appear in messages: {@code workspaces[1].source.type}. */
final class KeyPaths {

    private KeyPaths() {}

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
