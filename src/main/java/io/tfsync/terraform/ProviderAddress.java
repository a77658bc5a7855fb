package io.tfsync.terraform;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider configuration address from a state, reduced to its source (host/namespace/type) and
 * alias. Reads every form Terraform and OpenTofu have written: {@code provider["host/ns/type"]},
 * with {@code .alias}, behind {@code module.m.} steps, the 0.12 legacy {@code provider.aws} (implied
 * to be {@code registry.terraform.io/hashicorp/aws}, as Terraform itself does), and the bare source
 * of {@code show -json}'s {@code provider_name}. The legacy namespace {@code -} (a 0.13 upgrade that
 * never ran {@code state replace-provider}) is kept as {@code -}: the real namespace is unknown.
 */
record ProviderAddress(String source, String alias) {

    static final String DEFAULT_HOST = "registry.terraform.io";

    private static final Pattern MODULE_STEP =
            Pattern.compile("^module\\.[A-Za-z0-9_-]+(?:\\[(?:\\d+|\"(?:[^\"\\\\]|\\\\.)*\")])?\\.");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern SOURCE_PART = Pattern.compile("[a-z0-9._-]+");

    /** Parses a provider address, or empty if it is not one. */
    static Optional<ProviderAddress> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String rest = raw.strip();
        var step = MODULE_STEP.matcher(rest);
        while (step.find()) {
            rest = rest.substring(step.end());
            step = MODULE_STEP.matcher(rest);
        }
        if (rest.startsWith("provider[\"")) {
            int close = rest.indexOf("\"]", 10);
            if (close < 0) {
                return Optional.empty();
            }
            String after = rest.substring(close + 2);
            String alias = null;
            if (!after.isEmpty()) {
                if (!after.startsWith(".") || !NAME.matcher(after.substring(1)).matches()) {
                    return Optional.empty();
                }
                alias = after.substring(1);
            }
            String aliasOrNull = alias;
            return normaliseSource(rest.substring(10, close)).map(s -> new ProviderAddress(s, aliasOrNull));
        }
        if (rest.startsWith("provider.")) {
            String[] parts = rest.substring(9).split("\\.", -1);
            if (parts.length > 2 || !NAME.matcher(parts[0]).matches()) {
                return Optional.empty();
            }
            if (parts.length == 2 && !NAME.matcher(parts[1]).matches()) {
                return Optional.empty();
            }
            String alias = parts.length == 2 ? parts[1] : null;
            return normaliseSource(parts[0]).map(s -> new ProviderAddress(s, alias));
        }
        return normaliseSource(rest).map(s -> new ProviderAddress(s, null));
    }

    /** host/namespace/type in lower case; a bare type is implied as Terraform implies it. */
    static Optional<String> normaliseSource(String source) {
        String[] parts = source.toLowerCase(Locale.ROOT).split("/", -1);
        for (String part : parts) {
            if (!SOURCE_PART.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        return switch (parts.length) {
            case 1 ->
                Optional.of(
                        parts[0].equals("terraform")
                                ? "terraform.io/builtin/terraform"
                                : DEFAULT_HOST + "/hashicorp/" + parts[0]);
            case 2 -> Optional.of(DEFAULT_HOST + "/" + parts[0] + "/" + parts[1]);
            case 3 -> Optional.of(String.join("/", parts));
            default -> Optional.empty();
        };
    }
}
