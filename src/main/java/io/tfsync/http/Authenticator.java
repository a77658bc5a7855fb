package io.tfsync.http;

import io.javalin.http.Context;
import io.tfsync.catalog.TenantScope;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Resolves the {@link Caller} of a request. With tokens configured, a request needs {@code
 * Authorization: Bearer <token>} whose SHA-256 matches one of them. With none configured the service
 * is a single-user tool: loopback callers are the operator and everyone else is refused.
 */
final class Authenticator {

    private final List<ApiToken> tokens;

    Authenticator(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    Caller authenticate(Context ctx) {
        if (tokens.isEmpty()) {
            if (isLoopback(ctx.req().getRemoteAddr())) {
                return Caller.operator();
            }
            throw ApiException.unauthenticated(
                    "No API tokens are configured, so only loopback callers may use the API; configure auth.tokens");
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.unauthenticated("Missing Authorization header; send 'Authorization: Bearer <token>'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthenticated(
                    "Unsupported Authorization scheme; send 'Authorization: Bearer <token>'");
        }
        byte[] presented = sha256(header.substring(7).trim());
        for (ApiToken token : tokens) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(token.sha256()))) {
                return new Caller(token.name(), TenantScope.of(token.tenant()), Set.copyOf(token.scopes()));
            }
        }
        throw ApiException.unauthenticated("The bearer token is not valid");
    }

    static void require(Caller caller, String scope) {
        if (!caller.has(scope)) {
            throw ApiException.forbidden("Token '" + caller.name() + "' lacks the scope " + scope);
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
