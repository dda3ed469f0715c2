package io.jdfs.client;

/**
 * How a client logs in to a cluster with a users file: a user and password, or a login token saved
 * from an earlier login (then {@code user} may be null: the token names it).
 */
public record Credentials(String user, String password, String token) {
    public static Credentials password(String user, String password) {
        return new Credentials(user, password, null);
    }

    public static Credentials token(String token) {
        return new Credentials(null, null, token);
    }

    @Override
    public String toString() {
        return "Credentials[" + (user == null ? "token" : user) + "]"; // never the secret parts
    }
}
