package io.jdfs.console.auth;

/** Lets tests in other packages hash a password as the users file expects. */
public final class UsersTestAccess {
    private UsersTestAccess() {
    }

    public static String sha256(String s) {
        return Users.sha256(s);
    }
}
