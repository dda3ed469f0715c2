package io.jdfs.name.permission;

/** The uid the name server runs as: that user is a superuser, as the user running an HDFS NameNode is. */
public final class ProcessUser {
    private ProcessUser() {
    }

    public static int uid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            return 0; // not Unix: only root (uid 0) is the superuser
        }
    }
}
