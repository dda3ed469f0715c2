package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** stat for the shell and {@code dfs client stat}: attributes, and for a file each block and where its replicas are. */
public final class StatPrinter {
    private StatPrinter() {
    }

    /** {@code follow}: the file a final symbolic link names (stat -L); otherwise the link itself, as stat(1). */
    public static void print(DfsClient c, String p, boolean follow, PrintWriter out) throws IOException {
        FileStatus s = follow ? c.stat(p) : c.linkStatus(p);
        OwnerNames names = OwnerNames.system();
        out.printf("path:        %s%n", DfsPath.printable(s.path()));
        out.printf("type:        %s%n", Format.typeName(s));
        if (s.isSymlink()) {
            out.printf("target:      %s%n", DfsPath.printable(s.symlinkTarget()));
        }
        out.printf("size:        %s%n", Format.size(s.length()));
        if (s.isFile()) {
            out.printf("replication: %d%n", s.replication());
            out.printf("block size:  %s%n", Format.size(s.blockSize()));
            out.printf("complete:    %s%n", s.complete() ? "yes" : "no (open for writing)");
        }
        out.printf("mode:        %s (%04o)%n", Format.mode(s), s.mode());
        out.printf("owner:       %s (uid %d), group %s (gid %d)%n", names.user(s.uid()), s.uid(),
                names.group(s.gid()), s.gid());
        out.printf("inode:       %d, %d link%s%n", s.inodeId(), s.linkCount(), s.linkCount() == 1 ? "" : "s");
        out.printf("xattrs:      %d%n", s.xattrCount());
        out.printf("modified:    %s%n", Format.time(s.mtimeNanos()));
        out.printf("accessed:    %s%n", Format.time(s.atimeNanos()));
        out.printf("changed:     %s%n", Format.time(s.ctimeNanos()));
        if (s.isFile()) {
            printBlocks(out, c.allBlocks(p), s.replication());
        }
    }

    private static void printBlocks(PrintWriter out, List<LocatedBlock> blocks, int replication) {
        out.printf("blocks:      %d%n", blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            LocatedBlock b = blocks.get(i);
            // the address only: ids are long (servers lists them), and a block line should fit a terminal
            String where = b.locations().isEmpty() ? "no live replica"
                    : b.locations().stream().map(r -> r.address()).collect(Collectors.joining(", "));
            out.printf("  #%d blk_%d offset %d length %d, %d/%d replicas: %s%n", i, b.block().id(), b.offset(),
                    b.block().length(), b.locations().size(), replication, where);
        }
    }
}
