package io.jdfs.console.auth;

/** What a console user may do: an admin changes things, a viewer sees everything and changes nothing. */
public enum Role {
    ADMIN, READ_ONLY;

    public boolean mayChange() {
        return this == ADMIN;
    }

    static Role parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "admin", "rw", "read-write" -> ADMIN;
            case "read-only", "readonly", "ro", "viewer" -> READ_ONLY;
            default -> throw new IllegalArgumentException("unknown role '" + s + "' (admin or read-only)");
        };
    }
}
