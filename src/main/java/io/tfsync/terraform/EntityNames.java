package io.tfsync.terraform;

import io.tfsync.catalog.FieldFormats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Entity names made from instance addresses (and, through {@link #of(String, String)}, the
 * workspace they belong to): valid Backstage names, a pure function of the address
 * (so a resource keeps its name whatever else the state holds), and distinct for distinct addresses,
 * compared case-insensitively as Backstage compares refs.
 *
 * <p>A plain address, lower-case identifiers with count keys only ({@code
 * module.net.aws_subnet.private[0]}), is written with its {@code module.} words dropped, steps
 * joined by {@code .} and a count key as {@code -N}: {@code net.aws_subnet.private-0}. Such a name
 * reads back to exactly one address and never holds {@code --}, so these names cannot collide. Any
 * other address (for_each keys, upper case, {@code -} in a name, data sources, or a plain name
 * longer than 63 characters) gets its readable form, lower-cased with other characters folded to
 * {@code -} and cut to its last 51 characters, then {@code --} and the first 10 hex digits of the SHA-256 of the full
 * address: {@code aws_iam_user.u["bob"]} becomes {@code aws_iam_user.u-bob--} and a hash. Those
 * names differ by their hash.
 */
public final class EntityNames {

    private static final String ID = "[a-z0-9](?:[a-z0-9_]*[a-z0-9])?";
    private static final Pattern PLAIN =
            Pattern.compile("^(?:module\\." + ID + "(?:\\[\\d+])?\\.)*" + ID + "\\." + ID + "(?:\\[\\d+])?$");
    private static final Pattern MODULE_WORD = Pattern.compile("(^|\\.)module\\.");
    private static final Pattern COUNT_KEY = Pattern.compile("\\[(\\d+)]");
    private static final Pattern STRING_KEY = Pattern.compile("\\[\"((?:[^\"\\\\]|\\\\.)*)\"]");
    private static final Pattern OTHER = Pattern.compile("[^a-z0-9_.]+");
    private static final Pattern EDGE = Pattern.compile("^[^a-z0-9]+|[^a-z0-9]+$");
    private static final int HASH_LENGTH = 10;
    private static final String HASH_SEPARATOR = "--";
    private static final int PREFIX_LENGTH = FieldFormats.MAX_NAME_LENGTH - HASH_LENGTH - HASH_SEPARATOR.length();

    private static final Pattern SIMPLE_WORKSPACE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?");

    private EntityNames() {}

    /**
     * The entity name for an instance address in a workspace: the workspace id, lower-cased, a
     * {@code .} and {@link #of(String) the address's name}: {@code payments-prod.aws_db_instance.main}.
     * Workspaces often share a namespace and addresses such as {@code aws_iam_role.this}; the prefix
     * keeps their entities apart, and as a workspace id without {@code .} ends at the first {@code .},
     * two workspaces' names never meet. A workspace id with a {@code .}, or a name past 63
     * characters, gives the readable end of both and a hash of both.
     */
    public static String of(String workspace, String address) {
        if (workspace == null || workspace.isEmpty()) {
            throw new IllegalArgumentException("a workspace id must not be empty");
        }
        String local = of(address);
        if (SIMPLE_WORKSPACE.matcher(workspace).matches()) {
            String name = workspace.toLowerCase(Locale.ROOT) + "." + local;
            if (name.length() <= FieldFormats.MAX_NAME_LENGTH) {
                return name;
            }
        }
        String readable = readable(workspace + "." + address);
        if (readable.length() > PREFIX_LENGTH) {
            readable = EDGE.matcher(readable.substring(readable.length() - PREFIX_LENGTH))
                    .replaceAll("");
        }
        String hash = hash(workspace.toLowerCase(Locale.ROOT) + "\n" + address);
        return readable.isEmpty() ? hash : readable + HASH_SEPARATOR + hash;
    }

    /** The entity name for an instance address. */
    public static String of(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("an instance address must not be empty");
        }
        if (PLAIN.matcher(address).matches()) {
            String plain = COUNT_KEY
                    .matcher(MODULE_WORD.matcher(address).replaceAll("$1"))
                    .replaceAll("-$1");
            if (plain.length() <= FieldFormats.MAX_NAME_LENGTH) {
                return plain;
            }
        }
        String readable = readable(address);
        if (readable.length() > PREFIX_LENGTH) {
            // The end of an address (resource type, name, key) says more than its outer modules.
            readable = EDGE.matcher(readable.substring(readable.length() - PREFIX_LENGTH))
                    .replaceAll("");
        }
        String hash = hash(address);
        return readable.isEmpty() ? hash : readable + HASH_SEPARATOR + hash;
    }

    private static String readable(String address) {
        String steps =
                COUNT_KEY.matcher(MODULE_WORD.matcher(address).replaceAll("$1")).replaceAll("-$1");
        String lower = STRING_KEY.matcher(steps).replaceAll("-$1").toLowerCase(Locale.ROOT);
        return EDGE.matcher(OTHER.matcher(lower).replaceAll("-")).replaceAll("");
    }

    private static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
