package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FileType;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.PathNotFoundException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Symbolic links resolved by the name server as the kernel's path walk does, and special files as metadata. */
@WithLocalCluster(dataServers = 2)
class SymlinkTest {
    static LocalCluster cluster;
    static DfsClient client;

    static void write(String path, String text) throws IOException {
        try (DfsOutputStream out = client.create(path)) {
            out.write(text.getBytes());
        }
    }

    static String read(String path) throws IOException {
        try (InputStream in = client.open(path)) {
            return new String(in.readAllBytes());
        }
    }

    @Test
    void aLinkReadsAsItsTargetWhileLstatShowsTheLink() throws Exception {
        write("/data/real.txt", "the real thing");
        client.symlink("real.txt", "/data/rel");
        client.symlink("/data/real.txt", "/data/abs");
        assertThat(read("/data/rel")).isEqualTo("the real thing");
        assertThat(read("/data/abs")).isEqualTo("the real thing");
        FileStatus followed = client.stat("/data/rel");
        assertThat(followed.type()).isEqualTo(FileType.FILE);
        assertThat(followed.length()).isEqualTo(14);
        FileStatus link = client.linkStatus("/data/rel");
        assertThat(link.isSymlink()).isTrue();
        assertThat(link.symlinkTarget()).isEqualTo("real.txt");
        assertThat(client.readLink("/data/abs")).isEqualTo("/data/real.txt");
        assertThatThrownBy(() -> client.readLink("/data/real.txt")).isInstanceOf(DfsException.class)
                .satisfies(t -> assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(client.list("/data")).extracting(FileStatus::name).containsExactly("abs", "real.txt", "rel");
    }

    @Test
    void directoriesAreWalkedThroughLinksWithDotDot() throws Exception {
        write("/tree/a/b/leaf.txt", "leaf");
        client.symlink("a/b", "/tree/shortcut");
        client.symlink("..", "/tree/a/b/up"); // relative to the link's directory: /tree/a/b/.. = /tree/a
        assertThat(read("/tree/shortcut/leaf.txt")).isEqualTo("leaf");
        assertThat(client.list("/tree/shortcut")).extracting(FileStatus::name).containsExactly("leaf.txt", "up");
        assertThat(read("/tree/shortcut/up/b/leaf.txt")).isEqualTo("leaf");
        write("/tree/shortcut/new.txt", "made through the link");
        assertThat(read("/tree/a/b/new.txt")).isEqualTo("made through the link");
        client.mkdirs("/tree/shortcut/sub");
        assertThat(client.stat("/tree/a/b/sub").isDirectory()).isTrue();
    }

    @Test
    void deletingOrRenamingALinkLeavesItsTargetAlone() throws Exception {
        write("/keep/target.txt", "stays");
        client.symlink("target.txt", "/keep/link");
        client.rename("/keep/link", "/keep/moved", false);
        assertThat(client.readLink("/keep/moved")).isEqualTo("target.txt");
        assertThat(client.delete("/keep/moved", false)).isTrue();
        assertThat(read("/keep/target.txt")).isEqualTo("stays");
    }

    @Test
    void danglingLinksAndLoopsFailAsLinuxDoes() throws Exception {
        client.mkdirs("/odd");
        client.symlink("nowhere", "/odd/dangling");
        assertThat(client.linkStatus("/odd/dangling").isSymlink()).isTrue();
        assertThatThrownBy(() -> client.stat("/odd/dangling")).isInstanceOf(PathNotFoundException.class);
        client.symlink("loop-b", "/odd/loop-a");
        client.symlink("loop-a", "/odd/loop-b");
        assertThatThrownBy(() -> client.stat("/odd/loop-a")).isInstanceOf(DfsException.class)
                .satisfies(t -> assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.SYMLINK_LOOP))
                .hasMessageContaining("too many levels of symbolic links");
        assertThatThrownBy(() -> client.symlink("x", "/odd/loop-a")).isInstanceOf(PathExistsException.class);
    }

    @Test
    void specialFilesAreMetadataThatSurvivesARestart() throws Exception {
        client.mkdirs("/dev");
        FileStatus fifo = client.makeNode("/dev/pipe", FileType.FIFO, 0644, 0);
        assertThat(fifo.type()).isEqualTo(FileType.FIFO);
        assertThat(fifo.mode() & 07777).isEqualTo(0644);
        client.makeNode("/dev/null-ish", FileType.CHAR_DEVICE, 0666, (1L << 8) | 3);
        client.symlink("/dev/pipe", "/dev/link-to-pipe");
        assertThatThrownBy(() -> client.makeNode("/dev/file", FileType.FILE, 0644, 0)).isInstanceOf(DfsException.class);
        cluster.restartNameServer();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.clusterStatus().liveServers() == 2);
        FileStatus dev = client.stat("/dev/null-ish");
        assertThat(dev.type()).isEqualTo(FileType.CHAR_DEVICE);
        assertThat(dev.rdev()).isEqualTo((1L << 8) | 3);
        assertThat(client.stat("/dev/link-to-pipe").type()).isEqualTo(FileType.FIFO);
        assertThat(client.readLink("/dev/link-to-pipe")).isEqualTo("/dev/pipe");
    }
}
