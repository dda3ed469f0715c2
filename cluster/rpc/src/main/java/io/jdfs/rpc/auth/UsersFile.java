package io.jdfs.rpc.auth;

import io.jdfs.protocol.Caller;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of a cluster: one a line, {@code name:bcrypt-hash:uid:gid[:group,group...]} ('#' starts a
 * comment); the WebDAV gateway reads the same file. {@code dfs admin user add|passwd|del} edits it.
 */
public final class UsersFile {
    private static final int BCRYPT_COST = 10;

    /** One user: who it is on the cluster once its password is checked. */
    public record User(String name, String hash, int uid, int gid, List<Integer> groups) {
        public Caller caller() {
            return new Caller(name, uid, gid, groups);
        }
    }

    private final Map<String, User> users;

    private UsersFile(Map<String, User> users) {
        this.users = users;
    }

    public static UsersFile load(Path file) throws IOException {
        return new UsersFile(parse(file));
    }

    public User user(String name) {
        return name == null ? null : users.get(name);
    }

    public int size() {
        return users.size();
    }

    /** The user when {@code password} is theirs, else null (bcrypt: slow on purpose). */
    public User authenticate(String name, String password) {
        User u = user(name);
        if (u == null || password == null) {
            // spend the same time as a real check, so a wrong name cannot be told from a wrong password
            BCrypt.checkpw(password == null ? "" : password, DUMMY_HASH);
            return null;
        }
        return BCrypt.checkpw(password, u.hash()) ? u : null;
    }

    private static final String DUMMY_HASH = BCrypt.hashpw("dummy", BCrypt.gensalt(BCRYPT_COST));

    // ---- editing -------------------------------------------------------------------------------

    /** Adds a user; refuses a name already there. The file is created (mode 600) when missing. */
    public static void add(Path file, String name, String password, int uid, int gid, List<Integer> groups)
            throws IOException {
        checkName(name);
        Map<String, User> m = Files.exists(file) ? parse(file) : new LinkedHashMap<>();
        if (m.containsKey(name)) {
            throw new IllegalArgumentException("user " + name + " is already in " + file + " (passwd changes a password)");
        }
        m.put(name, new User(name, hash(password), uid, gid, List.copyOf(groups)));
        write(file, m);
    }

    public static void passwd(Path file, String name, String password) throws IOException {
        Map<String, User> m = parse(file);
        User u = m.get(name);
        if (u == null) {
            throw new IllegalArgumentException("no user " + name + " in " + file);
        }
        m.put(name, new User(name, hash(password), u.uid(), u.gid(), u.groups()));
        write(file, m);
    }

    public static void delete(Path file, String name) throws IOException {
        Map<String, User> m = parse(file);
        if (m.remove(name) == null) {
            throw new IllegalArgumentException("no user " + name + " in " + file);
        }
        write(file, m);
    }

    private static String hash(String password) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("a password needs at least 8 characters");
        }
        return BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST));
    }

    private static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("user name '" + name + "': a letter or _, then letters, digits, _ . -");
        }
    }

    private static Map<String, User> parse(Path file) throws IOException {
        Map<String, User> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            try {
                if (f.length < 4 || f[0].isEmpty() || !f[1].startsWith("$2")) {
                    throw new IllegalArgumentException("expected name:bcrypt-hash:uid:gid[:groups]");
                }
                List<Integer> groups = f.length > 4 && !f[4].isBlank()
                        ? Arrays.stream(f[4].split(",")).map(String::strip).map(Integer::parseInt).toList() : List.of();
                m.put(f[0], new User(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), groups));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage()
                        + " (expected name:bcrypt-hash:uid:gid[:groups])", e);
            }
        }
        return m;
    }

    private static void write(Path file, Map<String, User> m) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# JDFS users: name:bcrypt-hash:uid:gid[:groups] (dfs admin user add|passwd|del)");
        for (User u : m.values()) {
            StringBuilder b = new StringBuilder().append(u.name()).append(':').append(u.hash()).append(':')
                    .append(u.uid()).append(':').append(u.gid());
            if (!u.groups().isEmpty()) {
                b.append(':').append(String.join(",", u.groups().stream().map(String::valueOf).toList()));
            }
            out.add(b.toString());
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".users", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX: its own rules apply
            }
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
