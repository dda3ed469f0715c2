package io.jdfs.name.namespace;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.CRC32C;

/**
 * The whole namespace as one binary image (a checkpoint): header, every inode in pre-order with its
 * parent and name, and a CRC32C of everything before it. Compact and quick: no JSON per inode.
 */
public final class NamespaceImage {
    private static final byte[] MAGIC = {'J', 'D', 'F', 'S', 'I', 'M', 'G', '1'};
    /**
     * 2 adds extended attributes after each inode's attributes; 3 adds hard links (type 5) and, after
     * the inodes, the blocks written for files open in place but not swapped in yet. Older images still load.
     */
    private static final int VERSION = 3;
    private static final byte DIR = 1;
    private static final byte FILE = 2;
    private static final byte SYMLINK = 3;
    private static final byte SPECIAL = 4;
    /** A further name of an inode already written (a hard link): only its id follows. */
    private static final byte LINK = 5;

    private NamespaceImage() {
    }

    /** Writes the namespace as of {@code txid}; the caller holds the namespace lock. */
    public static void save(Namespace ns, long txid, OutputStream raw) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(txid);
        out.writeLong(ns.lastInodeId);
        out.writeLong(ns.lastBlockId);
        out.writeLong(ns.inodes.size());
        writeAttributes(out, ns.root);
        List<Object[]> stack = new ArrayList<>();
        stack.add(new Object[]{ns.root});
        java.util.Set<Long> linked = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            INodeDirectory dir = (INodeDirectory) stack.remove(stack.size() - 1)[0];
            for (Map.Entry<String, INode> e : dir.children.entrySet()) {
                INode n = e.getValue();
                out.writeLong(dir.id);
                out.writeUTF(e.getKey());
                if (ns.extraLinks.containsKey(n.id) && !linked.add(n.id)) {
                    out.writeByte(LINK);
                    out.writeLong(n.id);
                    continue;
                }
                out.writeByte(n instanceof INodeDirectory ? DIR : n instanceof INodeFile ? FILE
                        : n instanceof INodeSymlink ? SYMLINK : SPECIAL);
                out.writeLong(n.id);
                writeAttributes(out, n);
                if (n instanceof INodeSymlink s) {
                    out.writeUTF(s.target);
                } else if (n instanceof INodeSpecial x) {
                    out.writeByte(x.type.ordinal());
                    out.writeLong(x.rdev);
                } else if (n instanceof INodeFile f) {
                    out.writeShort(f.replication);
                    out.writeLong(f.blockSize);
                    out.writeUTF(f.writer == null ? "" : f.writer);
                    out.writeInt(f.blocks.length);
                    for (BlockInfo b : f.blocks) {
                        out.writeLong(b.id());
                        out.writeLong(b.generation());
                        // an uncommitted block's length is what replicas reported: runtime state, not saved
                        out.writeLong(b.committed() ? b.length() : 0);
                        out.writeBoolean(b.committed());
                    }
                } else {
                    stack.add(new Object[]{n});
                }
            }
        }
        out.writeLong(-1); // end of inodes
        out.writeInt(ns.pendingBlocks.size());
        for (Map.Entry<Long, List<BlockInfo>> e : ns.pendingBlocks.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().size());
            for (BlockInfo b : e.getValue()) {
                out.writeLong(b.id());
                out.writeLong(b.generation());
            }
        }
        out.flush();
        int crc = (int) checked.getChecksum().getValue();
        out.writeInt(crc);
        out.flush();
    }

    private static void writeAttributes(DataOutputStream out, INode n) throws IOException {
        out.writeInt(n.mode);
        out.writeInt(n.uid);
        out.writeInt(n.gid);
        out.writeLong(n.mtimeNanos);
        out.writeLong(n.atimeNanos);
        out.writeLong(n.ctimeNanos);
        Map<String, byte[]> x = n.xattrs();
        out.writeInt(x.size());
        for (Map.Entry<String, byte[]> e : x.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
    }

    private static void copyAttributes(INode from, INode to) {
        to.mode = from.mode;
        to.uid = from.uid;
        to.gid = from.gid;
        to.mtimeNanos = from.mtimeNanos;
        to.atimeNanos = from.atimeNanos;
        to.ctimeNanos = from.ctimeNanos;
        to.xattrs = from.xattrs;
    }

    private static void readAttributes(DataInputStream in, INode n, int version) throws IOException {
        n.mode = in.readInt();
        n.uid = in.readInt();
        n.gid = in.readInt();
        n.mtimeNanos = in.readLong();
        n.atimeNanos = in.readLong();
        n.ctimeNanos = in.readLong();
        if (version >= 2) {
            int count = in.readInt();
            if (count < 0 || count > Xattrs.MAX_PER_INODE) {
                throw new IOException("inode " + n.id + " has " + count + " extended attributes");
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int len = in.readInt();
                if (len < 0 || len > Xattrs.MAX_VALUE_BYTES) {
                    throw new IOException("extended attribute " + name + " of inode " + n.id + " is " + len + " bytes");
                }
                byte[] value = new byte[len];
                in.readFully(value);
                if (n.xattrs == null) {
                    n.xattrs = new java.util.TreeMap<>();
                }
                n.xattrs.put(name, value);
            }
        }
    }

    private static void readPending(DataInputStream in, Namespace ns, BlockMap blockMap) throws IOException {
        int files = in.readInt();
        for (int i = 0; i < files; i++) {
            long inodeId = in.readLong();
            if (!(ns.inodes.get(inodeId) instanceof INodeFile f) || !f.underConstruction()) {
                throw new IOException("pending blocks for inode " + inodeId + ", which is not a file open for writing");
            }
            int count = in.readInt();
            List<BlockInfo> blocks = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                BlockInfo b = new BlockInfo(in.readLong(), in.readLong(), inodeId, f.replication);
                blockMap.add(b);
                blocks.add(b);
            }
            ns.pendingBlocks.put(inodeId, blocks);
        }
    }

    /**
     * Loads an image into an empty namespace (and its blocks into the block map); returns its txid.
     * Throws {@link IOException} with the reason when the image is damaged.
     */
    public static long load(InputStream raw, Namespace ns, BlockMap blockMap) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32C());
        DataInputStream in = new DataInputStream(checked);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a JDFS checkpoint (bad magic)");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new IOException("unsupported checkpoint version " + version);
            }
            long txid = in.readLong();
            long lastInode = in.readLong();
            long lastBlock = in.readLong();
            long count = in.readLong();
            readAttributes(in, ns.root, version);
            ns.inodes.ensureCapacity(count);
            Map<Long, INodeDirectory> dirs = new HashMap<>();
            dirs.put(ns.root.id, ns.root);
            long files = 0;
            long directories = 1;
            long symlinks = 0;
            while (true) {
                long parentId = in.readLong();
                if (parentId == -1) {
                    break;
                }
                INodeDirectory parent = dirs.get(parentId);
                if (parent == null) {
                    throw new IOException("inode refers to unknown parent " + parentId);
                }
                String name = in.readUTF();
                byte type = in.readByte();
                long id = in.readLong();
                INode n;
                if (type == LINK) {
                    INode first = ns.inodes.get(id);
                    if (first == null || first instanceof INodeDirectory) {
                        throw new IOException("hard link " + name + " names inode " + id + ", not a file written before");
                    }
                    parent.children.put(name, first);
                    ns.extraLinks.merge(id, 1, Integer::sum);
                    continue;
                }
                if (type == DIR) {
                    INodeDirectory d = new INodeDirectory(id, 0, 0);
                    readAttributes(in, d, version);
                    dirs.put(id, d);
                    directories++;
                    n = d;
                } else if (type == FILE) {
                    INodeFile full = new INodeFile(id, 0, 0, 1, 0, null);
                    readAttributes(in, full, version);
                    full.replication = in.readShort();
                    full.blockSize = in.readLong();
                    String writer = in.readUTF();
                    full.writer = writer.isEmpty() ? null : writer;
                    int blocks = in.readInt();
                    for (int i = 0; i < blocks; i++) {
                        BlockInfo b = new BlockInfo(in.readLong(), in.readLong(), id, full.replication);
                        long len = in.readLong();
                        if (in.readBoolean()) {
                            b.commit(len);
                        } else {
                            b.setLengthIfUncommitted(len);
                        }
                        full.addBlock(b);
                        if (b.id() != io.jdfs.protocol.Block.HOLE_ID) {
                            blockMap.add(b);
                        }
                    }
                    files++;
                    n = full;
                } else if (type == SYMLINK) {
                    INodeSymlink probe = new INodeSymlink(id, "", 0);
                    readAttributes(in, probe, version);
                    INodeSymlink s = new INodeSymlink(id, in.readUTF(), 0);
                    copyAttributes(probe, s);
                    files++;
                    symlinks++;
                    n = s;
                } else if (type == SPECIAL) {
                    INodeSymlink probe = new INodeSymlink(id, "", 0);
                    readAttributes(in, probe, version);
                    int kind = in.readByte();
                    if (kind < 0 || kind >= io.jdfs.protocol.FileType.values().length) {
                        throw new IOException("unknown special file type " + kind);
                    }
                    INodeSpecial x = new INodeSpecial(id, io.jdfs.protocol.FileType.values()[kind], 0, in.readLong(), 0);
                    copyAttributes(probe, x);
                    files++;
                    n = x;
                } else {
                    throw new IOException("unknown inode type " + type);
                }
                parent.children.put(name, n);
                ns.inodes.put(n);
            }
            if (version >= 3) {
                readPending(in, ns, blockMap);
            }
            int expected = (int) checked.getChecksum().getValue();
            int stored = in.readInt();
            if (stored != expected) {
                throw new IOException("checksum mismatch: the checkpoint is damaged");
            }
            if (in.read() != -1) {
                throw new IOException("unexpected bytes after the end of the checkpoint");
            }
            if (ns.inodes.size() != count) {
                throw new IOException("checkpoint lists " + count + " inodes but holds " + ns.inodes.size());
            }
            ns.lastInodeId = lastInode;
            ns.lastBlockId = lastBlock;
            ns.files = files;
            ns.symlinks = symlinks;
            ns.directories = directories;
            return txid;
        } catch (EOFException e) {
            throw new IOException("checkpoint is truncated");
        }
    }

    /** A canonical text form of the namespace (for tests: two namespaces are equal when these are). */
    public static String describe(Namespace ns) {
        StringBuilder sb = new StringBuilder();
        sb.append("lastInode=").append(ns.lastInodeId).append(" lastBlock=").append(ns.lastBlockId)
                .append(" files=").append(ns.files).append(" dirs=").append(ns.directories).append('\n');
        describe(sb, ns, "", ns.root);
        new java.util.TreeMap<>(ns.pendingBlocks).forEach((id, blocks) -> {
            sb.append("pending ").append(id);
            blocks.forEach(b -> sb.append(' ').append(b.id()).append(':').append(b.generation()));
            sb.append('\n');
        });
        return sb.toString();
    }

    private static void describe(StringBuilder sb, Namespace ns, String path, INode n) {
        sb.append(path.isEmpty() ? "/" : path).append(' ').append(n.id).append(' ').append(Integer.toOctalString(n.mode))
                .append(' ').append(n.uid).append(':').append(n.gid)
                .append(' ').append(n.mtimeNanos).append(' ').append(n.atimeNanos).append(' ').append(n.ctimeNanos);
        n.xattrs().forEach((k, v) -> sb.append(" x:").append(k).append('=').append(java.util.HexFormat.of().formatHex(v)));
        if (n instanceof INodeSymlink s) {
            sb.append(" -> ").append(s.target).append(" n").append(ns.linkCount(s)).append('\n');
        } else if (n instanceof INodeSpecial x) {
            sb.append(' ').append(x.type).append(" rdev=").append(x.rdev).append('\n');
        } else if (n instanceof INodeFile f) {
            sb.append(" r").append(f.replication).append(" bs").append(f.blockSize).append(" w=").append(f.writer)
                    .append(" n").append(ns.linkCount(f));
            for (BlockInfo b : f.blocks) {
                sb.append(" [").append(b.id()).append(':').append(b.generation()).append(':')
                        .append(b.committed() ? b.length() + "c" : "?u").append(']');
            }
            sb.append('\n');
        } else {
            sb.append('\n');
            for (Map.Entry<String, INode> e : ((INodeDirectory) n).children.entrySet()) {
                describe(sb, ns, path + "/" + e.getKey(), e.getValue());
            }
        }
    }
}
