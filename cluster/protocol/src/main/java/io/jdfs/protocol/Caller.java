package io.jdfs.protocol;

import java.util.List;

/**
 * Who makes a request: the user name, uid, primary gid and supplementary groups the name server
 * checks permissions against. Carried on the connection (the handshake); in the simple mode (no
 * users file) it is what the client says, as in HDFS's simple authentication.
 */
public record Caller(String user, int uid, int gid, List<Integer> groups) {
    public static final Caller ROOT = new Caller("root", 0, 0, List.of());

    public Caller {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public boolean inGroup(int g) {
        return gid == g || groups.contains(g);
    }
}
