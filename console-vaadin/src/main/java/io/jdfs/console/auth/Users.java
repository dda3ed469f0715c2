package io.jdfs.console.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The users file: one user a line, {@code name:password[:role]}; role {@code admin} (default) or
 * {@code read-only}; a password written {@code sha256:HEX} is stored hashed. Blank lines and
 * lines starting with {@code #} are skipped.
 */
public final class Users {
    private record Entry(String password, Role role) {
    }

    private final Map<String, Entry> users;

    private Users(Map<String, Entry> users) {
        this.users = users;
    }

    public static Users load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Users parse(List<String> lines, String source) {
        Map<String, Entry> m = new HashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            int roleField = f.length >= 3 && !f[1].equals("sha256") ? 2 : f.length >= 4 ? 3 : -1;
            String password = f.length >= 3 && f[1].equals("sha256") ? "sha256:" + f[2] : f.length >= 2 ? f[1] : null;
            if (f[0].isEmpty() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + n + ": expected name:password[:role]");
            }
            try {
                m.put(f[0], new Entry(password, roleField < 0 ? Role.ADMIN : Role.parse(f[roleField])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + n + ": " + e.getMessage(), e);
            }
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no user: nobody could log in");
        }
        return new Users(Map.copyOf(m));
    }

    /** The user's role when the password is right, else null. */
    public Role authenticate(String name, String password) {
        Entry e = name == null ? null : users.get(name);
        if (e == null || password == null) {
            return null;
        }
        String given = e.password.startsWith("sha256:") ? "sha256:" + sha256(password) : password;
        boolean ok = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                e.password.getBytes(StandardCharsets.UTF_8));
        return ok ? e.role : null;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
