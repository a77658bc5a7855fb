package io.tfsync.terraform;

/** Builds instance addresses the way Terraform prints them. */
final class InstanceAddress {

    private InstanceAddress() {}

    static String of(String module, String mode, String type, String name, Object indexKey) {
        var sb = new StringBuilder();
        if (!module.isEmpty()) {
            sb.append(module).append('.');
        }
        if ("data".equals(mode)) {
            sb.append("data.");
        }
        sb.append(type).append('.').append(name);
        if (indexKey instanceof Long n) {
            sb.append('[').append(n).append(']');
        } else if (indexKey instanceof String key) {
            sb.append("[\"");
            appendEscaped(sb, key);
            sb.append("\"]");
        }
        return sb.toString();
    }

    // Terraform quotes string keys as HCL strings: backslash, quote and control characters escaped.
    private static void appendEscaped(StringBuilder sb, String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
    }
}
