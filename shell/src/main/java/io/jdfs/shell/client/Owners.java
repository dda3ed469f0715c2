package io.jdfs.shell.client;

import java.util.Iterator;
import io.jdfs.protocol.FileStatus;
import io.jdfs.client.DfsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * chown's OWNER[:GROUP] and chgrp's GROUP: numbers, or names of this machine's users and groups (the cluster
 * stores numeric ids, as a FUSE mount of it shows them). -1 leaves a value as it is.
 */
public final class Owners {
    private Owners() {
    }

    /** {uid, gid} from "OWNER", "OWNER:GROUP", "OWNER:" (unchanged group) or ":GROUP". */
    public static int[] parseOwner(String spec) {
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String group = colon < 0 ? "" : spec.substring(colon + 1);
        if (user.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("invalid owner '" + spec + "' (OWNER, OWNER:GROUP or :GROUP)");
        }
        return new int[]{user.isEmpty() ? -1 : id(user, Path.of("/etc/passwd"), "user"),
                group.isEmpty() ? -1 : id(group, Path.of("/etc/group"), "group")};
    }

    public static int group(String spec) {
        return id(spec, Path.of("/etc/group"), "group");
    }

    /** A number as is; a name looked up in passwd or group (name:x:id:...). */
    static int id(String nameOrNumber, Path table, String what) {
        if (nameOrNumber.matches("\\d+")) {
            return Integer.parseInt(nameOrNumber);
        }
        try {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[0].equals(nameOrNumber)) {
                    return Integer.parseInt(f[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no table: only numbers
        }
        throw new IllegalArgumentException("no " + what + " '" + nameOrNumber + "' on this machine (give its number)");
    }

    /**
     * chown/chgrp of {@code st} (-1 keeps a value), and with {@code recursive} of everything below it,
     * as chown -R does: a link met on the way is changed itself, never what it points to.
     */
    public static void apply(DfsClient c, FileStatus st, int uid, int gid, boolean recursive) throws IOException {
        c.setOwner(st.path(), uid, gid);
        if (recursive && st.isDirectory()) {
            below(c, st.path(), uid, gid);
        }
    }

    private static void below(DfsClient c, String dir, int uid, int gid) throws IOException {
        Iterator<FileStatus> it = c.listIterator(dir);
        while (it.hasNext()) {
            FileStatus f = it.next();
            c.setOwner(f.path(), uid, gid, false);
            if (f.isDirectory()) {
                below(c, f.path(), uid, gid);
            }
        }
    }
}
