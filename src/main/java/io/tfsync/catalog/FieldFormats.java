package io.tfsync.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The formats Backstage requires of an entity's fields, as its {@code KubernetesValidatorFunctions},
 * {@code CommonValidatorFunctions} and default {@code makeValidator()} define them. {@link
 * EntityValidator} checks entities with these; code that makes entities (the Terraform mapper)
 * uses them to make names, label values and tags that Backstage accepts.
 *
 * <p>Every predicate accepts null and answers false for it (except where noted), so callers can
 * pass a value straight from JSON.
 */
public final class FieldFormats {

    /** The longest name, namespace, label value, tag or name part of a key: 63 characters. */
    public static final int MAX_NAME_LENGTH = 63;

    /** The longest DNS subdomain, such as the prefix of a label key: 253 characters. */
    public static final int MAX_DNS_SUBDOMAIN_LENGTH = 253;

    private static final Pattern OBJECT_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern KIND = Pattern.compile("^[a-zA-Z][a-z0-9A-Z]*$");
    private static final Pattern API_VERSION_SUFFIX = Pattern.compile("^[a-z0-9A-Z]+$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$");
    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Set<String> SPECIAL_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp");

    // Every entity repeats the same few label and annotation keys, and checking one takes a split and
    // several regex matches; bounded in count and key length so that odd input cannot grow it.
    private static final int MAX_CACHED_KEYS = 10_000;
    private static final int MAX_CACHED_KEY_LENGTH = MAX_DNS_SUBDOMAIN_LENGTH + 1 + MAX_NAME_LENGTH;
    private static final Map<String, Boolean> LABEL_KEYS = new ConcurrentHashMap<>();

    /** What a valid object name (entity name, label value) looks like, for error messages. */
    public static final String OBJECT_NAME_RULE = "must be 1-63 characters of [A-Za-z0-9] separated by -, _ or .";

    /** What a valid DNS label (namespace) looks like, for error messages. */
    public static final String DNS_LABEL_RULE = "must be 1-63 characters of [a-z0-9] separated by -";

    /** What a valid tag looks like, for error messages. */
    public static final String TAG_RULE = "must be 1-63 characters of [a-z0-9:+#] separated by -";

    /** What a valid kind looks like, for error messages. */
    public static final String KIND_RULE = "must be 1-63 characters of [A-Za-z0-9], starting with a letter";

    /** What a valid apiVersion looks like, for error messages. */
    public static final String API_VERSION_RULE =
            "must be [<DNS subdomain>/]<1-63 characters of [A-Za-z0-9]>, such as backstage.io/v1alpha1";

    /** What a valid label or annotation key looks like, for error messages. */
    public static final String KEY_RULE = "must be [<DNS subdomain>/]<name>, the name " + OBJECT_NAME_RULE;

    private FieldFormats() {}

    /**
     * An entity name, or the name part of a label or annotation key: 1 to 63 characters of {@code
     * [A-Za-z0-9]}, separated by {@code -}, {@code _} or {@code .} (repeats allowed), starting and
     * ending with a letter or digit.
     */
    public static boolean isValidObjectName(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_NAME_LENGTH
                && OBJECT_NAME.matcher(value).matches();
    }

    /** A namespace: a DNS label. */
    public static boolean isValidNamespace(String value) {
        return isValidDnsLabel(value);
    }

    /** An RFC 1123 DNS label: 1 to 63 characters of {@code [a-z0-9]} separated by single {@code -}. */
    public static boolean isValidDnsLabel(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_NAME_LENGTH
                && DNS_LABEL.matcher(value).matches();
    }

    /** An RFC 1123 DNS subdomain: at most 253 characters of DNS labels joined by {@code .}. */
    public static boolean isValidDnsSubdomain(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_DNS_SUBDOMAIN_LENGTH
                && Arrays.stream(value.split("\\.", -1)).allMatch(FieldFormats::isValidDnsLabel);
    }

    /** An entity kind: a letter followed by letters and digits, at most 63 characters. */
    public static boolean isValidKind(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_NAME_LENGTH
                && KIND.matcher(value).matches();
    }

    /**
     * An apiVersion: an optional DNS-subdomain prefix and {@code /}, then 1 to 63 letters and
     * digits ({@code backstage.io/v1alpha1}, {@code v1}).
     */
    public static boolean isValidApiVersion(String value) {
        return isValidPrefixAndOrSuffix(
                value,
                FieldFormats::isValidDnsSubdomain,
                s -> !s.isEmpty()
                        && s.length() <= MAX_NAME_LENGTH
                        && API_VERSION_SUFFIX.matcher(s).matches());
    }

    /** A label key: an optional DNS-subdomain prefix and {@code /}, then an object name. */
    public static boolean isValidLabelKey(String value) {
        if (value == null) {
            return false;
        }
        Boolean known = LABEL_KEYS.get(value);
        if (known != null) {
            return known;
        }
        boolean valid =
                isValidPrefixAndOrSuffix(value, FieldFormats::isValidDnsSubdomain, FieldFormats::isValidObjectName);
        if (value.length() <= MAX_CACHED_KEY_LENGTH && LABEL_KEYS.size() < MAX_CACHED_KEYS) {
            LABEL_KEYS.put(value, valid);
        }
        return valid;
    }

    /** A label value: an object name, or the empty string. */
    public static boolean isValidLabelValue(String value) {
        return "".equals(value) || isValidObjectName(value);
    }

    /** An annotation key: the same format as a label key. */
    public static boolean isValidAnnotationKey(String value) {
        return isValidLabelKey(value);
    }

    /** An annotation value: any string, the empty one included. */
    public static boolean isValidAnnotationValue(String value) {
        return value != null;
    }

    /**
     * A tag, by Backstage's default tag rule: 1 to 63 characters of {@code [a-z0-9:+#]} separated
     * by single {@code -}. Upper case is not allowed.
     */
    public static boolean isValidTag(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_NAME_LENGTH
                && TAG.matcher(value).matches();
    }

    /** A string that is not empty once leading and trailing white space is ignored. */
    public static boolean isValidString(String value) {
        return value != null && !value.trim().isEmpty();
    }

    /**
     * A URL as a browser's URL parser accepts it ({@code new URL(value)}, which Backstage uses): a
     * scheme, and for the web schemes (http, https, ws, wss, ftp) a host and an optional numeric
     * port. {@code abc} and {@code /path} are not URLs; {@code xyz://host:4444/path} is.
     */
    public static boolean isValidUrl(String value) {
        if (value == null) {
            return false;
        }
        String url = stripControlAndSpace(value);
        var scheme = URL_SCHEME.matcher(url);
        if (!scheme.find()) {
            return false;
        }
        String schemeName = url.substring(0, scheme.end() - 1).toLowerCase(Locale.ROOT);
        String rest = url.substring(scheme.end());
        if (SPECIAL_SCHEMES.contains(schemeName)) {
            // Browsers read http:host, http:/host and http:\\host as http://host.
            return hasValidAuthority(rest.replaceFirst("^[/\\\\]*", ""), "[/\\\\?#]", true);
        }
        return !rest.startsWith("//") || hasValidAuthority(rest.substring(2), "[/?#]", false);
    }

    private static boolean hasValidAuthority(String text, String authorityEnd, boolean hostRequired) {
        String authority = text.split(authorityEnd, 2)[0];
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int portColon;
        String host;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostAndPort.substring(0, close + 1);
            portColon = hostAndPort.indexOf(':', close);
        } else {
            portColon = hostAndPort.indexOf(':');
            host = portColon < 0 ? hostAndPort : hostAndPort.substring(0, portColon);
        }
        if (hostRequired && host.isEmpty()) {
            return false;
        }
        if (host.chars().anyMatch(c -> c <= ' ' || "<>^|".indexOf(c) >= 0)) {
            return false;
        }
        String port = portColon < 0 ? "" : hostAndPort.substring(portColon + 1);
        return port.isEmpty()
                || (port.length() <= 5
                        && port.chars().allMatch(c -> c >= '0' && c <= '9')
                        && Integer.parseInt(port) <= 65535);
    }

    private static String stripControlAndSpace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) <= ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isValidPrefixAndOrSuffix(
            String value, Predicate<String> isValidPrefix, Predicate<String> isValidSuffix) {
        if (value == null) {
            return false;
        }
        String[] parts = value.split("/", -1);
        return switch (parts.length) {
            case 1 -> isValidSuffix.test(parts[0]);
            case 2 -> isValidPrefix.test(parts[0]) && isValidSuffix.test(parts[1]);
            default -> false;
        };
    }
}
