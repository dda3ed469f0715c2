package io.jdfs.webdav.auth;

import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users allowed in, from a file of lines {@code name:bcrypt-hash[:uid[:gid]]} ('#' starts a
 * comment). bcrypt is slow on purpose, so a password already checked is remembered as a SHA-256
 * digest for the life of the process: WebDAV clients send it with every request.
 */
public final class Users {
    /** One user. */
    public record User(String name, String hash, int uid, int gid) {
    }

    private final Map<String, User> users;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    /** Salts the remembered digests so a heap dump does not give away unsalted password hashes. */
    private final String salt = java.util.UUID.randomUUID().toString();

    public Users(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    public static Users load(Path file) throws IOException {
        Map<String, User> m = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":");
            if (f.length < 2 || f[0].isEmpty() || !f[1].startsWith("$2")) {
                throw new IOException(file + " line " + (i + 1) + ": expected name:bcrypt-hash[:uid[:gid]]");
            }
            int uid = f.length > 2 ? Integer.parseInt(f[2]) : 1000;
            int gid = f.length > 3 ? Integer.parseInt(f[3]) : uid;
            m.put(f[0], new User(f[0], f[1], uid, gid));
        }
        if (m.isEmpty()) {
            throw new IOException(file + " names no user");
        }
        return new Users(m);
    }

    /** A users-file line for {@code name} with a fresh bcrypt hash of {@code password}. */
    public static String line(String name, String password, int uid, int gid) {
        return name + ":" + BCrypt.hashpw(password, BCrypt.gensalt(10)) + ":" + uid + ":" + gid;
    }

    /** The user named by a Basic Authorization header with the right password, or null. */
    public User authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        User u = users.get(decoded.substring(0, colon));
        if (u == null) {
            return null;
        }
        String password = decoded.substring(colon + 1);
        byte[] digest = sha256(salt + "\0" + u.name() + "\0" + password);
        byte[] known = verified.get(u.name());
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return u;
        }
        if (BCrypt.checkpw(password, u.hash())) {
            verified.put(u.name(), digest);
            return u;
        }
        return null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
