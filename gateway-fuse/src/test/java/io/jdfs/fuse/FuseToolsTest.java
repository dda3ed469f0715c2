package io.jdfs.fuse;

import io.jdfs.protocol.ClusterStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Everyday tools on a real mount: their output and their error messages are what a user sees. */
class FuseToolsTest {
    @TempDir
    static Path dir;
    static MountedCluster m;
    static Path tree;

    @BeforeAll
    static void mount() throws Exception {
        m = MountedCluster.start(dir);
        tree = makeTree(dir.resolve("tree"));
    }

    @AfterAll
    static void unmount() throws Exception {
        if (m != null) {
            m.close();
        }
        assertThat(Mounter.isMounted(dir.resolve("mnt"))).as("no mount left behind").isFalse();
    }

    /** A small source tree: nested directories, empty files and dirs, odd names, one larger file. */
    static Path makeTree(Path root) throws Exception {
        Random r = new Random(1);
        for (String d : new String[]{"src/main/java", "src/test", "docs", "empty-dir", "with space", "ünïcødé"}) {
            Files.createDirectories(root.resolve(d));
        }
        for (String f : new String[]{"README", "src/main/java/A.java", "src/main/java/B.java", "src/test/T.java",
                "docs/guide.md", "with space/file name.txt", "ünïcødé/é.txt", "docs/empty"}) {
            byte[] b = new byte[f.endsWith("empty") ? 0 : 1 + r.nextInt(20_000)];
            r.nextBytes(b);
            Files.write(root.resolve(f), b);
        }
        byte[] big = new byte[3 * 1024 * 1024 + 123];
        r.nextBytes(big);
        Files.write(root.resolve("docs/big.bin"), big);
        return root;
    }

    /** sha256 of every file, relative names, sorted: equal trees give equal text. */
    static String manifest(Path root) throws Exception {
        return MountedCluster.sh(root, "find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; "
                + "find . -type d | LC_ALL=C sort").ok().out();
    }

    @Test
    void mkdirLsFindDu() throws Exception {
        m.sh("mkdir -p a/b/c && mkdir a/d && echo x > a/b/c/f && head -c 100000 /dev/zero > a/d/g").ok();
        assertThat(m.sh("ls a").ok().out()).isEqualTo("b\nd\n");
        assertThat(m.sh("ls -l a/d/g").ok().out()).contains(" 100000 ").contains("-rw-r--r--");
        assertThat(m.sh("find a | sort").ok().out()).isEqualTo("a\na/b\na/b/c\na/b/c/f\na/d\na/d/g\n");
        assertThat(m.sh("find a -type f | sort").ok().out()).isEqualTo("a/b/c/f\na/d/g\n");
        assertThat(m.sh("du -sb a/d").ok().out()).startsWith("100000\t");
        String du = m.sh("du -sk a/d/g").ok().out();
        assertThat(Long.parseLong(du.split("\t")[0])).isEqualTo((100000 + 1023) / 1024);
        assertThat(m.sh("mkdir a").exit()).isNotZero();
        assertThat(m.sh("mkdir a").err()).contains("File exists");
    }

    @Test
    void aDirectoryLargerThanOneListingPageListsWhole() throws Exception {
        int n = 6_000; // the name server pages listings by 5,000
        m.client.mkdirs("/big");
        for (int i = 0; i < n; i++) {
            m.client.mkdirs(String.format("/big/d%05d", i));
        }
        String ls = m.sh("ls -f big | grep -v '^\\.\\.\\?$' | LC_ALL=C sort").ok().out();
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < n; i++) {
            want.append(String.format("d%05d%n", i));
        }
        assertThat(ls).isEqualTo(want.toString());
        assertThat(m.sh("ls -a big | head -2").ok().out()).isEqualTo(".\n..\n");
    }

    @Test
    void mvRmRmdirAndTheirErrors() throws Exception {
        m.sh("mkdir -p e/full && echo 1 > e/full/x && echo 2 > e/y && mkdir e/empty").ok();
        MountedCluster.Result r = m.sh("rmdir e/full");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Directory not empty");
        assertThat(m.sh("rm e/nope").err()).contains("No such file or directory");
        assertThat(m.sh("rmdir e/nope").err()).contains("No such file or directory");
        assertThat(m.sh("rmdir e/y").err()).contains("Not a directory");
        assertThat(m.sh("rm e/full").err()).contains("Is a directory");
        assertThat(m.sh("mv e/nope e/z").err()).contains("No such file or directory");

        m.sh("mv e/y e/full/y2 && mv e/empty e/moved && rmdir e/moved && rm e/full/x").ok();
        assertThat(m.client.exists("/e/full/y2")).isTrue();
        assertThat(m.client.exists("/e/y")).isFalse();
        assertThat(m.client.exists("/e/moved")).isFalse();
        m.sh("echo new > e/over && echo old > e/target && mv e/over e/target").ok();
        assertThat(m.sh("cat e/target").ok().out()).isEqualTo("new\n");
        m.sh("rm -r e").ok();
        assertThat(m.client.exists("/e")).isFalse();
    }

    @Test
    void tarRoundTrip() throws Exception {
        Path out = Files.createDirectories(dir.resolve("untarred"));
        m.sh("mkdir tarred && tar -C " + tree + " -cf - . | tar -C tarred -xf -").ok();
        m.sh("tar -C tarred -cf - . | tar -C " + out + " -xf -").ok();
        assertThat(manifest(m.mnt.resolve("tarred"))).isEqualTo(manifest(tree));
        assertThat(manifest(out)).isEqualTo(manifest(tree));
    }

    @Test
    void rsyncArchiveInAndOut() throws Exception {
        m.sh("rsync -a " + tree + "/ rsynced/").ok();
        assertThat(manifest(m.mnt.resolve("rsynced"))).isEqualTo(manifest(tree));
        // the times survived: a second run finds nothing to transfer
        String again = m.sh("rsync -a --itemize-changes " + tree + "/ rsynced/").ok().out();
        assertThat(again).isEmpty();
        Path back = dir.resolve("rsync-back");
        m.sh("rsync -a rsynced/ " + back + "/").ok();
        assertThat(manifest(back)).isEqualTo(manifest(tree));
    }

    @Test
    void gitCommitCloneAndFsck() throws Exception {
        m.sh("git init -q repo && cd repo && git config user.email t@example.org && git config user.name t"
                + " && cp -r " + tree + "/src . && git add . && git commit -qm first"
                + " && echo more >> src/test/T.java && git commit -qam second").ok();
        assertThat(m.sh("cd repo && git log --oneline | wc -l && git status --porcelain").ok().out()).isEqualTo("2\n");
        m.sh("cd repo && git fsck --strict").ok();
        m.sh("git clone -q repo clone && cd clone && git fsck --strict").ok();
        assertThat(manifest(m.mnt.resolve("clone/src"))).isEqualTo(manifest(m.mnt.resolve("repo/src")));
    }

    @Test
    void fioRandomWritesInPlaceVerify() throws Exception {
        // 4 KiB random writes over a 12 MiB file (three 4 MiB blocks rewritten in place, copy-on-write),
        // then every block read back and checked against fio's own checksums
        String out = m.sh("fio --name=inplace --filename=fio.bin --size=12m --rw=randwrite --bs=4k"
                + " --ioengine=psync --verify=crc32c --do_verify=1 --verify_fatal=1 --fsync=256"
                + " --randseed=42 --output-format=terse --minimal").ok().out();
        String[] f = out.strip().split(";");
        assertThat(f[4]).as("fio error field").isEqualTo("0");
        assertThat(m.client.stat("/fio.bin").length()).isEqualTo(12L << 20);
        assertThat(m.sh("fio --name=again --filename=fio.bin --size=12m --rw=randwrite --bs=4k --ioengine=psync"
                + " --verify=crc32c --verify_only=1 --randseed=42 --output-format=terse --minimal").ok().out()
                .strip().split(";")[4]).as("verified again after close, from the cluster").isEqualTo("0");
    }

    @Test
    void editorSaveAndSedInPlace() throws Exception {
        m.sh("printf 'alpha\\nbeta\\n' > cfg.txt").ok();
        m.sh("sed -i 's/beta/gamma/' cfg.txt").ok();
        assertThat(m.sh("cat cfg.txt").ok().out()).isEqualTo("alpha\ngamma\n");
        // write a temp, fsync it, rename it over the original
        m.sh("printf 'saved\\n' > .cfg.txt.swp && sync .cfg.txt.swp && mv .cfg.txt.swp cfg.txt").ok();
        assertThat(m.sh("cat cfg.txt").ok().out()).isEqualTo("saved\n");
    }

    @Test
    void chmodAndTouch() throws Exception {
        m.sh("echo x > perm.txt && chmod 600 perm.txt && touch -d '2001-02-03 04:05:06 UTC' perm.txt").ok();
        assertThat(m.client.stat("/perm.txt").mode() & 07777).isEqualTo(0600);
        assertThat(m.sh("stat -c '%a %Y' perm.txt").ok().out().strip()).isEqualTo("600 981173106");
    }

    @Test
    void dfShowsTheClusterCapacity() throws Exception {
        ClusterStatus c = m.client.clusterStatus();
        String[] df = m.sh("df -B1 --output=size,avail . | tail -1").ok().out().strip().split("\\s+");
        long size = Long.parseLong(df[0]);
        assertThat(size).isEqualTo(c.capacity() / Attributes.BLOCK * Attributes.BLOCK);
        assertThat(Long.parseLong(df[1])).isPositive().isLessThanOrEqualTo(size);
        assertThat(m.sh("df . | tail -1").ok().out()).startsWith("jdfs:");
    }

    @Test
    void symlinksSpecialFilesOwnersAndExtendedAttributesAreTheCluster() throws Exception {
        m.sh("mkdir posix && cd posix && echo x > target.txt && ln -s target.txt sym && mkfifo fifo"
                + " && mknod chr c 1 3 && chown 1234:4321 target.txt").ok();
        assertThat(m.sh("readlink posix/sym").ok().out()).isEqualTo("target.txt\n");
        assertThat(m.sh("cat posix/sym").ok().out()).isEqualTo("x\n");
        assertThat(m.sh("stat -c '%F %u:%g' posix/target.txt posix/fifo").ok().out())
                .isEqualTo("regular file 1234:4321\nfifo 0:0\n");
        assertThat(m.sh("stat -c '%F %t,%T' posix/chr").ok().out()).isEqualTo("character special file 1,3\n");
        assertThat(m.client.readLink("/posix/sym")).isEqualTo("target.txt");
        assertThat(m.client.stat("/posix/target.txt").uid()).isEqualTo(1234);
        m.sh("python3 -c \"import os; os.setxattr('posix/target.txt', 'user.color', b'blue')\"").ok();
        assertThat(m.sh("python3 -c \"import os; print(os.getxattr('posix/target.txt', 'user.color').decode(),"
                + " os.listxattr('posix/target.txt'))\"").ok().out()).isEqualTo("blue ['user.color']\n");
        assertThat(m.client.xattr("/posix/target.txt", "user.color")).isEqualTo("blue".getBytes());
        assertThat(m.sh("python3 -c \"import os; os.getxattr('posix/target.txt', 'user.none')\"").err())
                .contains("No data available");
        // cp -a keeps links, special files and owners
        m.sh("cp -a posix posix-copy").ok();
        assertThat(m.sh("stat -c '%F %u' posix-copy/sym posix-copy/fifo posix-copy/target.txt").ok().out())
                .isEqualTo("symbolic link 0\nfifo 0\nregular file 1234\n");
        // hard links: one inode, two names; the data stays until the last name goes
        m.sh("ln posix/target.txt posix/hard && echo y >> posix/hard").ok();
        // one inode number (use_ino); the old name's cached nlink may lag by the attribute timeout
        assertThat(m.sh("stat -c '%i' posix/target.txt").ok().out()).isEqualTo(m.sh("stat -c '%i' posix/hard").ok().out());
        assertThat(m.sh("stat -c '%h' posix/hard").ok().out()).isEqualTo("2\n");
        assertThat(m.client.stat("/posix/target.txt").linkCount()).isEqualTo(2);
        m.sh("rm posix/target.txt").ok();
        assertThat(m.sh("cat posix/hard").ok().out()).isEqualTo("x\ny\n");
        assertThat(m.sh("stat -c %h posix/hard").ok().out()).isEqualTo("1\n");
        assertThat(m.sh("mkdir posix/d && ln posix/d posix/d2").err()).contains("not allowed");
    }

    @Test
    void aBusyMountPointIsRefusedWithOneClearLine() {
        assertThatThrownBy(() -> FuseGateway.mount(m.client, m.mnt, MountOptions.defaults()))
                .isInstanceOf(MountException.class).hasMessageContaining("is busy");
    }
}
