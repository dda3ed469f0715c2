package io.jdfs.client;

import io.jdfs.protocol.Caller;

import java.util.ArrayList;
import java.util.List;

/** This process's OS user (uid, gid, groups), the identity a client uses by default, as HDFS's simple mode. */
final class LocalUser {
    private LocalUser() {
    }

    static Caller current() {
        String name = System.getProperty("user.name", "nobody");
        try {
            com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
            List<Integer> groups = new ArrayList<>();
            for (long g : unix.getGroups()) {
                if (g != unix.getGid()) {
                    groups.add((int) g);
                }
            }
            return new Caller(unix.getUsername() == null ? name : unix.getUsername(), (int) unix.getUid(),
                    (int) unix.getGid(), groups);
        } catch (LinkageError | RuntimeException e) {
            return new Caller(name, 65534, 65534, List.of()); // not Unix: act as nobody
        }
    }
}
