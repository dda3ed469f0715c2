package io.jdfs.shell.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Names of numeric owners as this machine knows them (the cluster stores uid and gid only, as a FUSE mount
 * shows them): the passwd and group files first, then {@code getent} for directory services (LDAP, sssd),
 * the number itself when nobody knows it. Every answer is cached: a long listing asks once per owner.
 */
public final class OwnerNames {
    private static final OwnerNames SYSTEM = new OwnerNames(Path.of("/etc/passwd"), Path.of("/etc/group"), true);

    private final Table users;
    private final Table groups;

    /** {@code getent}: whether to ask the name service switch about ids the files do not list. */
    public OwnerNames(Path passwd, Path group, boolean getent) {
        this.users = new Table(passwd, getent ? "passwd" : null);
        this.groups = new Table(group, getent ? "group" : null);
    }

    public static OwnerNames system() {
        return SYSTEM;
    }

    public String user(int uid) {
        return users.name(uid);
    }

    public String group(int gid) {
        return groups.name(gid);
    }

    /** One id-to-name table: the file read once, getent asked once per id it lacks. */
    private static final class Table {
        private final Path file;
        private final String database;
        private final Map<Integer, String> names = new ConcurrentHashMap<>();
        private volatile Map<Integer, String> fromFile;

        Table(Path file, String database) {
            this.file = file;
            this.database = database;
        }

        String name(int id) {
            if (id < 0) {
                return Integer.toString(id);
            }
            String n = fileEntries().get(id);
            return n != null ? n : names.computeIfAbsent(id, this::lookUp);
        }

        private Map<Integer, String> fileEntries() {
            Map<Integer, String> m = fromFile;
            if (m == null) {
                m = new ConcurrentHashMap<>();
                try {
                    for (String line : Files.readAllLines(file)) {
                        parse(line, m);
                    }
                } catch (IOException e) {
                    // no such file (a container without one): getent or numbers
                }
                fromFile = m;
            }
            return m;
        }

        /** "name:x:id:..." as passwd and group have it; the first name wins, as getpwuid answers. */
        private static void parse(String line, Map<Integer, String> into) {
            String[] f = line.split(":", -1);
            if (f.length > 2 && f[2].matches("\\d{1,9}")) {
                into.putIfAbsent(Integer.parseInt(f[2]), f[0]);
            }
        }

        private String lookUp(int id) {
            if (database != null) {
                Map<Integer, String> found = new ConcurrentHashMap<>();
                parse(getent(database, id), found);
                if (found.containsKey(id)) {
                    return found.get(id);
                }
            }
            return Integer.toString(id);
        }

        private static String getent(String database, int id) {
            try {
                Process p = new ProcessBuilder("getent", database, Integer.toString(id))
                        .redirectErrorStream(true).start();
                p.getOutputStream().close();
                if (!p.waitFor(2, TimeUnit.SECONDS)) { // one line fits the pipe: waiting first cannot block it
                    p.destroyForcibly();
                    return "";
                }
                try (InputStream in = p.getInputStream()) {
                    byte[] out = in.readNBytes(4096);
                    return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : "";
                }
            } catch (IOException e) {
                return ""; // no getent here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
