package io.jdfs.name.namespace;

import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.PathExistsException;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * Extended attributes of an inode, with the Linux rules: names in a namespace ({@code user.}
 * for everyone; {@code trusted.}, {@code security.} and {@code system.} need the superuser, which
 * only comes with identities, so they are refused for now), names up to 255 bytes, values up to
 * 64 KiB; create and replace flags as setxattr(2) has them.
 */
public final class Xattrs {
    public static final int CREATE = 1;
    public static final int REPLACE = 2;
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    /** Bounds one inode's attributes (the journal's record limit is 1 MiB). */
    public static final int MAX_PER_INODE = 1024;
    public static final int MAX_TOTAL_BYTES = 512 * 1024;

    private Xattrs() {
    }

    /** Refuses a name or value Linux would refuse, with the reason. Called before journaling. */
    public static void check(String name, byte[] value) throws DfsException {
        if (name == null || name.isEmpty()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "an extended attribute needs a name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new DfsException(ErrorCode.NAME_TOO_LONG, "extended attribute name longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (name.indexOf('\0') >= 0) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "extended attribute name contains a NUL byte");
        }
        if (!name.startsWith("user.") || name.length() == "user.".length()) {
            throw new DfsException(ErrorCode.NOT_SUPPORTED, "extended attribute '" + name + "': only the user. namespace"
                    + " is supported (trusted., security. and system. need the superuser)");
        }
        if (value != null && value.length > MAX_VALUE_BYTES) {
            throw new DfsException(ErrorCode.TOO_BIG, "extended attribute value of " + value.length
                    + " bytes exceeds " + MAX_VALUE_BYTES);
        }
    }

    static void set(INode n, NamespaceRecord.SetXattr r) throws DfsException {
        check(r.name(), r.value());
        byte[] old = n.xattrs == null ? null : n.xattrs.get(r.name());
        if (old != null && r.flag() == CREATE) {
            throw new PathExistsException("extended attribute " + r.name() + " already exists");
        }
        if (old == null && r.flag() == REPLACE) {
            throw new DfsException(ErrorCode.NO_SUCH_ATTRIBUTE, "no extended attribute " + r.name());
        }
        if (old == null) {
            int count = n.xattrs == null ? 0 : n.xattrs.size();
            long total = n.xattrs == null ? 0 : n.xattrs.values().stream().mapToLong(v -> v.length).sum();
            if (count >= MAX_PER_INODE || total + r.value().length > MAX_TOTAL_BYTES) {
                throw new DfsException(ErrorCode.NO_SPACE, "no room for more extended attributes on this inode");
            }
        }
        if (n.xattrs == null) {
            n.xattrs = new TreeMap<>();
        }
        n.xattrs.put(r.name(), r.value().clone());
        n.ctimeNanos = r.timeNanos();
    }

    static void remove(INode n, NamespaceRecord.RemoveXattr r) throws DfsException {
        if (n.xattrs == null || n.xattrs.remove(r.name()) == null) {
            throw new DfsException(ErrorCode.NO_SUCH_ATTRIBUTE, "no extended attribute " + r.name());
        }
        if (n.xattrs.isEmpty()) {
            n.xattrs = null;
        }
        n.ctimeNanos = r.timeNanos();
    }
}
