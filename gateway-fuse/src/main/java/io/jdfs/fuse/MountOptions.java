package io.jdfs.fuse;

import java.util.ArrayList;
import java.util.List;

/**
 * How to mount.
 *
 * @param root           the cluster directory shown at the mount point
 * @param attrTimeoutSec how long the kernel caches attributes and names (a change through another
 *                       mount or client is seen after at most this long)
 * @param allowOther     let other local users in (needs root or user_allow_other); the kernel then
 *                       checks modes (default_permissions)
 * @param writeBackBytes changed bytes a file open for writing keeps in memory before it commits
 *                       them on its own (the kernel's dirty-page writeback, per file)
 * @param debug          libfuse's own request trace on stderr
 * @param extra          further -o options passed to libfuse as they are
 */
public record MountOptions(String root, double attrTimeoutSec, boolean allowOther, long writeBackBytes, boolean debug,
                           List<String> extra) {
    /** The largest request libfuse2 sends; more has no effect there. */
    static final int MAX_IO = 128 * 1024;

    public MountOptions {
        extra = List.copyOf(extra);
        if (writeBackBytes <= 0) {
            throw new IllegalArgumentException("the write-back limit must be positive: " + writeBackBytes);
        }
        if (attrTimeoutSec < 0) {
            throw new IllegalArgumentException("attribute timeout must not be negative: " + attrTimeoutSec);
        }
    }

    public static MountOptions defaults() {
        return new MountOptions("/", 1.0, false,
                io.jdfs.client.DfsClient.DEFAULT_WRITE_BACK_BYTES,
                false, List.of());
    }

    public MountOptions withRoot(String r) {
        return new MountOptions(r, attrTimeoutSec, allowOther, writeBackBytes, debug, extra);
    }

    public MountOptions withAttrTimeout(double seconds) {
        return new MountOptions(root, seconds, allowOther, writeBackBytes, debug, extra);
    }

    public MountOptions withAllowOther(boolean a) {
        return new MountOptions(root, attrTimeoutSec, a, writeBackBytes, debug, extra);
    }

    public MountOptions withWriteBackBytes(long bytes) {
        return new MountOptions(root, attrTimeoutSec, allowOther, bytes, debug, extra);
    }

    public MountOptions withDebug(boolean d) {
        return new MountOptions(root, attrTimeoutSec, allowOther, writeBackBytes, d, extra);
    }

    public MountOptions withExtra(List<String> e) {
        return new MountOptions(root, attrTimeoutSec, allowOther, writeBackBytes, debug, e);
    }

    /**
     * The libfuse arguments. auto_unmount: a killed gateway leaves no "Transport endpoint is not
     * connected" behind. big_writes: 128 KiB writes instead of 4 KiB (5x the throughput).
     * default_permissions: the kernel checks modes against what getattr reports. use_ino: st_ino is
     * the cluster's inode id, so two hard links show one inode (git clone checks that).
     */
    List<String> fuseArgs(String fsName) {
        List<String> o = new ArrayList<>(List.of("auto_unmount", "big_writes", "max_read=" + MAX_IO,
                "max_write=" + MAX_IO, "default_permissions", "use_ino", "fsname=" + fsName.replace(",", "_"),
                "subtype=jdfs", "attr_timeout=" + attrTimeoutSec, "entry_timeout=" + attrTimeoutSec,
                "negative_timeout=0"));
        if (allowOther) {
            o.add("allow_other");
        }
        o.addAll(extra);
        List<String> args = new ArrayList<>();
        args.add("-o");
        args.add(String.join(",", o));
        return args;
    }
}
