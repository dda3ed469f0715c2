package io.jdfs.fuse;

import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FileType;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Statvfs;

/** Fills the kernel's structures from the cluster's values. */
final class Attributes {
    /** The block size df and du count in. */
    static final int BLOCK = 4096;
    private static final long NANOS = 1_000_000_000L;

    private Attributes() {
    }

    /** The st_mode of a status: the type bits and the permission bits. */
    static int mode(FileStatus s) {
        int type = switch (s.type()) {
            case DIRECTORY -> FileStat.S_IFDIR;
            case SYMLINK -> FileStat.S_IFLNK;
            case FILE -> FileStat.S_IFREG;
            case FIFO -> FileStat.S_IFIFO;
            case CHAR_DEVICE -> FileStat.S_IFCHR;
            case BLOCK_DEVICE -> FileStat.S_IFBLK;
            case SOCKET -> FileStat.S_IFSOCK;
        };
        return type | (s.mode() & 07777);
    }

    /** 512-byte units, as du counts them. */
    static long blocks512(long length) {
        return (length + 511) / 512;
    }

    static void fill(FileStat st, FileStatus s, long length, Owner owner) {
        fill(st, s, length, 0, owner);
    }

    /**
     * {@code lastWriteNanos}: this machine's wall-clock time of writes through this mount not committed
     * yet (0: none). It is the mtime (and ctime, which only moves forward) their commit gives the file,
     * shown already, so what fstat says before close is what stat says after it; bounded as the name
     * server bounds it, at least 1 ns past the file's known mtime (a change always moves it forward).
     * A machine whose clock is off by more than a second cannot be fully consistent: the name server
     * then dates the write on its own clock (by the write's age), and stat after close differs.
     */
    static void fill(FileStat st, FileStatus s, long length, long lastWriteNanos, Owner owner) {
        st.st_mode.set(mode(s));
        st.st_ino.set(s.inodeId());
        st.st_nlink.set(s.type() == FileType.DIRECTORY ? Math.max(2, s.linkCount()) : Math.max(1, s.linkCount()));
        st.st_uid.set(owner.showsRealOwners() ? s.uid() : owner.uid());
        st.st_gid.set(owner.showsRealOwners() ? s.gid() : owner.gid());
        st.st_rdev.set(s.rdev());
        st.st_size.set(length);
        st.st_blksize.set(MountOptions.MAX_IO);
        st.st_blocks.set(blocks512(length));
        long mtime = lastWriteNanos > 0 ? Math.max(lastWriteNanos, s.mtimeNanos() + 1) : s.mtimeNanos();
        long ctime = s.ctimeNanos() > 0 ? s.ctimeNanos() : s.mtimeNanos();
        if (lastWriteNanos > 0) {
            ctime = Math.max(mtime, ctime + 1); // as the name server sets it at the commit: always forward
        }
        time(st.st_mtim, mtime);
        time(st.st_atim, s.atimeNanos() > 0 ? s.atimeNanos() : s.mtimeNanos());
        time(st.st_ctim, ctime);
    }

    private static void time(ru.serce.jnrfuse.struct.Timespec t, long nanos) {
        t.tv_sec.set(Math.floorDiv(nanos, NANOS));
        t.tv_nsec.set(Math.floorMod(nanos, NANOS));
    }

    /** Seconds and nanoseconds as nanoseconds since the epoch. */
    static long nanos(long sec, long nsec) {
        return sec * NANOS + nsec;
    }

    static void fill(Statvfs st, ClusterStatus c) {
        st.f_bsize.set(BLOCK);
        st.f_frsize.set(BLOCK);
        st.f_blocks.set(c.capacity() / BLOCK);
        st.f_bfree.set(Math.max(0, c.remaining()) / BLOCK);
        st.f_bavail.set(Math.max(0, c.remaining()) / BLOCK);
        long used = c.files() + c.directories();
        long total = Math.max(used * 2, 1L << 32); // the name server sets no inode limit
        st.f_files.set(total);
        st.f_ffree.set(total - used);
        st.f_favail.set(total - used);
        st.f_namemax.set(255);
    }
}
