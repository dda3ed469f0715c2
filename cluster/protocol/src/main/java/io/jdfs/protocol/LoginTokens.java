package io.jdfs.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The readable part of a login token: {@code base64url(user) "." expiryMillis "." signature}. Only the
 * name server signs and checks tokens; a client reads the user a saved token names so that it claims
 * that user for its own calls.
 */
public final class LoginTokens {
    private LoginTokens() {
    }

    /** The signed part of a token for {@code user} expiring at {@code expiresMillis}. */
    public static String head(String user, long expiresMillis) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8))
                + "." + expiresMillis;
    }

    /** The user a token names (not checked: the name server does that); null for a malformed token. */
    public static String userOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
