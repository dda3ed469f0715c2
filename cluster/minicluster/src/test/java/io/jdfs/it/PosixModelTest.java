package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsFile;
import io.jdfs.client.OpenFlag;
import io.jdfs.client.XattrMode;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.FileStatus;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The model test of issue 10: random sequences of POSIX operations (writes at offsets, truncate,
 * append, rename, hard and symbolic links, unlink, chmod, chown, xattrs, mkdir) applied to JDFS and
 * to a local directory on this machine; each operation must succeed on both or fail on both, and
 * then the two trees must be the same (names, types, sizes, modes, owners, link counts, symlink
 * targets, xattrs, bytes). A long sequence is compared again after a name-server restart.
 */
class PosixModelTest {
    static final int BS = 64 * 1024;
    static final String[] FILES = {"a", "b", "d/x", "d/y", "e/z"};
    static final String[] DIRS = {"d", "e", "d/f"};
    static final String[] TARGETS = {"a", "../a", "d", "nowhere", "d/x"};
    static Path base;
    static LocalCluster cluster;
    static DfsClient dfs;
    static int tries;

    @BeforeContainer
    static void start() throws Exception {
        base = Files.createTempDirectory(Path.of("target"), "posix-model");
        cluster = LocalCluster.start(base.resolve("cluster"), NameServerConfig.forTests().withDefaults(2, BS), 2, 0, 0);
        cluster.awaitRegistered(Duration.ofSeconds(10));
        dfs = cluster.newClient().asCaller(Caller.ROOT);
    }

    @AfterContainer
    static void stop() throws IOException {
        dfs.close();
        cluster.close();
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 25)
    void jdfsBehavesAsALocalFileSystem(@ForAll @Size(min = 5, max = 40) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> ops)
            throws Exception {
        String root = "/model" + tries++;
        Path local = Files.createDirectories(base.resolve("local" + tries));
        dfs.mkdirs(root);
        List<String> log = new ArrayList<>();
        for (int op : ops) {
            apply(op, root, local, log);
        }
        assertThat(describe(root)).as("after %s", log).isEqualTo(describe(local));
        dfs.delete(root, true);
    }

    @Example
    void aLongSequenceGivesTheSameTreeAfterANameServerRestart() throws Exception {
        String root = "/restart";
        Path local = Files.createDirectories(base.resolve("restart"));
        dfs.mkdirs(root);
        Random rnd = new Random(7);
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            apply(rnd.nextInt(Integer.MAX_VALUE), root, local, log);
        }
        String before = describe(root);
        assertThat(before).as("after %s", log).isEqualTo(describe(local));
        cluster.nameServer().checkpoint();
        apply(rnd.nextInt(Integer.MAX_VALUE), root, local, log); // one change only in the journal
        before = describe(root);
        cluster.restartNameServer();
        await().atMost(Duration.ofSeconds(30)).until(() -> dfs.clusterStatus().liveServers() == 2);
        assertThat(describe(root)).isEqualTo(before).isEqualTo(describe(local));
    }

    // ---- operations, on both sides ---------------------------------------------------------------

    private interface Action {
        void run() throws Exception;
    }

    private static void apply(int op, String root, Path local, List<String> log) throws Exception {
        int kind = op % 11;
        int x = op / 11;
        String f = FILES[x % FILES.length];
        String g = FILES[(x / 7) % FILES.length];
        String d = DIRS[x % DIRS.length];
        String r = root + "/";
        long pos = (x / 37) % (3L * BS);
        int len = 1 + (x / 101) % BS;
        byte[] data = bytes(op, len);
        switch (kind) {
            case 0 -> both(log, "write " + f + " @" + pos + "+" + len, () -> pwrite(local.resolve(f), pos, data),
                    () -> {
                        try (DfsFile h = dfs.openFile(r + f, EnumSet.of(OpenFlag.CREATE, OpenFlag.WRITE), 0644)) {
                            h.pwrite(pos, data, 0, data.length);
                        }
                    });
            case 1 -> both(log, "truncate " + f + " " + pos, () -> {
                try (FileChannel ch = FileChannel.open(local.resolve(f), StandardOpenOption.WRITE)) {
                    ch.truncate(pos);
                    if (ch.size() < pos) {
                        ch.write(ByteBuffer.wrap(new byte[1]), pos - 1); // grow: FileChannel only cuts
                    }
                }
            }, () -> {
                try (DfsFile h = dfs.openFile(r + f, EnumSet.of(OpenFlag.WRITE), 0)) {
                    h.truncate(pos);
                }
            });
            case 2 -> both(log, "append " + f + " +" + len, () -> {
                try (FileChannel ch = FileChannel.open(local.resolve(f), StandardOpenOption.APPEND)) {
                    ch.write(ByteBuffer.wrap(data));
                }
            }, () -> {
                try (DfsFile h = dfs.openFile(r + f, EnumSet.of(OpenFlag.APPEND), 0)) {
                    h.write(data, 0, data.length);
                }
            });
            case 3 -> {
                String src = x % 5 == 0 ? d : f;
                String dst = (x / 3) % 4 == 0 ? DIRS[(x / 3) % DIRS.length] : g;
                both(log, "rename " + src + " " + dst, () -> Files.move(local.resolve(src), local.resolve(dst),
                        StandardCopyOption.ATOMIC_MOVE), () -> dfs.rename(r + src, r + dst, true));
            }
            case 4 -> both(log, "link " + f + " " + g, () -> Files.createLink(local.resolve(g), local.resolve(f)),
                    () -> dfs.link(r + f, r + g));
            case 5 -> {
                String t = TARGETS[x % TARGETS.length];
                both(log, "symlink " + t + " " + g, () -> Files.createSymbolicLink(local.resolve(g), Path.of(t)),
                        () -> dfs.symlink(t, r + g));
            }
            case 6 -> {
                String victim = x % 4 == 0 ? d : f;
                both(log, "unlink " + victim, () -> Files.delete(local.resolve(victim)), () -> {
                    if (!dfs.delete(r + victim, false)) {
                        throw new java.nio.file.NoSuchFileException(victim);
                    }
                });
            }
            case 7 -> {
                int mode = (x / 3) & 0777;
                both(log, "chmod " + Integer.toOctalString(mode) + " " + f, () -> Files.setAttribute(local.resolve(f),
                        "unix:mode", mode), () -> dfs.setMode(r + f, mode));
            }
            case 8 -> {
                int uid = x % 2 == 0 ? 0 : 1000;
                int gid = (x / 2) % 2 == 0 ? 0 : 100;
                both(log, "chown " + uid + ":" + gid + " " + f, () -> {
                    Files.setAttribute(local.resolve(f), "unix:uid", uid);
                    Files.setAttribute(local.resolve(f), "unix:gid", gid);
                }, () -> dfs.setOwner(r + f, uid, gid));
            }
            case 9 -> {
                String name = "k" + x % 3;
                both(log, "setxattr user." + name + " " + f, () -> Files.getFileAttributeView(local.resolve(f),
                        UserDefinedFileAttributeView.class).write(name, ByteBuffer.wrap(data, 0, Math.min(len, 100))),
                        () -> dfs.setXattr(r + f, "user." + name, java.util.Arrays.copyOf(data, Math.min(len, 100)),
                                XattrMode.SET));
            }
            default -> both(log, "mkdir " + d, () -> Files.createDirectories(local.resolve(d)), () -> dfs.mkdirs(r + d));
        }
    }

    /** Runs an operation on both sides: both must succeed, or both fail. */
    private static void both(List<String> log, String what, Action local, Action jdfs) throws Exception {
        Exception localFailure = attempt(local);
        Exception jdfsFailure = attempt(jdfs);
        log.add(what + (localFailure == null ? "" : " (fails)"));
        assertThat(jdfsFailure == null).as("%s: local %s, JDFS %s; after %s", what, localFailure, jdfsFailure, log)
                .isEqualTo(localFailure == null);
    }

    private static Exception attempt(Action a) {
        try {
            a.run();
            return null;
        } catch (IOException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void pwrite(Path p, long pos, byte[] data) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p) && !Files.exists(p)) {
            Path target = Files.isSymbolicLink(p) ? p.getParent().resolve(Files.readSymbolicLink(p)) : p;
            Files.createFile(target, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
            Files.setAttribute(target, "unix:mode", 0644); // no umask
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            long at = pos;
            while (b.hasRemaining()) {
                at += ch.write(b, at);
            }
        }
    }

    private static byte[] bytes(int seed, int len) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    // ---- comparing the trees -----------------------------------------------------------------

    private static String describe(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,nlink,size", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link -> " + Files.readSymbolicLink(p) + " n" + a.get("nlink"));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, "dir " + attrs(mode, a.get("uid"), a.get("gid")) + " n" + a.get("nlink") + xattrs(p));
                } else {
                    out.put(rel, "file " + attrs(mode, a.get("uid"), a.get("gid")) + " n" + a.get("nlink") + " "
                            + a.get("size") + " " + sha(Files.readAllBytes(p)) + xattrs(p));
                }
            }
        }
        return String.join("\n", out.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    private static String describe(String root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        walk(root, root, out);
        return String.join("\n", out.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    private static void walk(String root, String dir, Map<String, String> out) throws Exception {
        Iterator<FileStatus> it = dfs.listIterator(dir);
        while (it.hasNext()) {
            FileStatus s = dfs.linkStatus(it.next().path());
            String rel = s.path().substring(root.length() + 1);
            if (s.isSymlink()) {
                out.put(rel, "link -> " + s.symlinkTarget() + " n" + s.linkCount());
            } else if (s.isDirectory()) {
                out.put(rel, "dir " + attrs(s.mode(), s.uid(), s.gid()) + " n" + s.linkCount() + xattrs(s.path()));
                walk(root, s.path(), out);
            } else {
                byte[] content;
                try (InputStream in = dfs.open(s.path())) {
                    content = in.readAllBytes();
                }
                out.put(rel, "file " + attrs(s.mode(), s.uid(), s.gid()) + " n" + s.linkCount() + " " + s.length() + " "
                        + sha(content) + xattrs(s.path()));
            }
        }
    }

    private static String attrs(int mode, Object uid, Object gid) {
        return Integer.toOctalString(mode & 07777) + " " + uid + ":" + gid;
    }

    private static String xattrs(Path p) throws IOException {
        UserDefinedFileAttributeView v = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        Map<String, String> m = new TreeMap<>();
        for (String name : v.list()) {
            ByteBuffer b = ByteBuffer.allocate(v.size(name));
            v.read(name, b);
            m.put("user." + name, HexFormat.of().formatHex(b.array()));
        }
        return m.isEmpty() ? "" : " " + m;
    }

    private static String xattrs(String path) throws IOException {
        Map<String, String> m = new TreeMap<>();
        dfs.xattrs(path).forEach((k, v) -> m.put(k, HexFormat.of().formatHex(v)));
        return m.isEmpty() ? "" : " " + m;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    }
}
