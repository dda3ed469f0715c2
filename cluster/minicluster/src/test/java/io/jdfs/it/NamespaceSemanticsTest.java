package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DirectoryNotEmptyException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.InvalidPathException;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.NotADirectoryException;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.PathNotFoundException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithLocalCluster(dataServers = 2)
class NamespaceSemanticsTest {
    static LocalCluster cluster;
    static DfsClient client;

    static void write(String path, String text) throws IOException {
        try (DfsOutputStream out = client.create(path, CreateOptions.overwriting())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String read(String path) throws IOException {
        try (InputStream in = client.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mkdirsCreatesParentsAndIsIdempotent() throws Exception {
        FileStatus s = client.mkdirs("/m/a/b/c");
        assertThat(s.isDirectory()).isTrue();
        assertThat(client.mkdirs("/m/a/b/c").inodeId()).isEqualTo(s.inodeId());
        assertThat(client.stat("/m/a").isDirectory()).isTrue();
        write("/m/file", "x");
        assertThatThrownBy(() -> client.mkdirs("/m/file/sub")).isInstanceOf(PathExistsException.class);
    }

    @Test
    void createMakesParentsAndRefusesExistingWithoutOverwrite() throws Exception {
        write("/c/deep/er/f", "one");
        assertThat(read("/c/deep/er/f")).isEqualTo("one");
        assertThatThrownBy(() -> client.create("/c/deep/er/f")).isInstanceOf(PathExistsException.class);
        assertThatThrownBy(() -> client.create("/c/deep")).isInstanceOf(IsADirectoryException.class);
        write("/c/deep/er/f", "two");
        assertThat(read("/c/deep/er/f")).isEqualTo("two");
    }

    @Test
    void oneWriterPerFile() throws Exception {
        try (DfsOutputStream out = client.create("/lease/f")) {
            out.write(1);
            try (DfsClient other = cluster.newClient()) {
                assertThatThrownBy(() -> other.create("/lease/f", CreateOptions.overwriting()))
                        .isInstanceOf(LeaseConflictException.class);
            }
        }
        assertThat(client.stat("/lease/f").length()).isEqualTo(1);
    }

    @Test
    void renameFileOverFileOnlyWhenAsked() throws Exception {
        write("/r1/a", "A");
        write("/r1/b", "B");
        assertThatThrownBy(() -> client.rename("/r1/a", "/r1/b", false)).isInstanceOf(PathExistsException.class);
        long inode = client.stat("/r1/a").inodeId();
        client.rename("/r1/a", "/r1/b", true);
        assertThat(client.exists("/r1/a")).isFalse();
        assertThat(read("/r1/b")).isEqualTo("A");
        assertThat(client.stat("/r1/b").inodeId()).isEqualTo(inode);
    }

    @Test
    void renameDirectoryRules() throws Exception {
        client.mkdirs("/r2/src/sub");
        write("/r2/src/sub/f", "data");
        client.mkdirs("/r2/empty");
        client.mkdirs("/r2/full/x");
        write("/r2/file", "f");
        assertThatThrownBy(() -> client.rename("/r2/src", "/r2/full", true)).isInstanceOf(DirectoryNotEmptyException.class);
        assertThatThrownBy(() -> client.rename("/r2/src", "/r2/file", true)).isInstanceOf(NotADirectoryException.class);
        assertThatThrownBy(() -> client.rename("/r2/file", "/r2/empty", true)).isInstanceOf(IsADirectoryException.class);
        assertThatThrownBy(() -> client.rename("/r2/src", "/r2/src/sub/inside", false))
                .isInstanceOf(DfsException.class).hasMessageContaining("into itself");
        assertThatThrownBy(() -> client.rename("/r2/missing", "/r2/x", false)).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> client.rename("/r2/file", "/r2/nodir/x", false)).isInstanceOf(PathNotFoundException.class);
        client.rename("/r2/src", "/r2/empty", true);
        assertThat(read("/r2/empty/sub/f")).isEqualTo("data");
        assertThat(client.exists("/r2/src")).isFalse();
        client.rename("/r2/empty", "/r2/moved", false);
        assertThat(read("/r2/moved/sub/f")).isEqualTo("data");
    }

    @Test
    void deleteRules() throws Exception {
        client.mkdirs("/d/tree/a/b");
        write("/d/tree/a/b/f", "x");
        assertThatThrownBy(() -> client.delete("/d/tree", false)).isInstanceOf(DirectoryNotEmptyException.class);
        assertThat(client.delete("/d/tree", true)).isTrue();
        assertThat(client.exists("/d/tree/a/b/f")).isFalse();
        assertThat(client.delete("/d/tree", true)).isFalse();
        assertThatThrownBy(() -> client.delete("/", true)).isInstanceOf(DfsException.class)
                .extracting(e -> ((DfsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void setTimesAndMode() throws Exception {
        write("/t/f", "x");
        long t = 1_234_567_890_123_456_789L;
        client.setTimes("/t/f", t, -1);
        client.setMode("/t/f", 0600);
        FileStatus s = client.stat("/t/f");
        assertThat(s.mtimeNanos()).isEqualTo(t);
        assertThat(s.mode()).isEqualTo(0600);
        long far = 4_102_444_800L * 1_000_000_000L; // 2100-01-01: past 32-bit time
        client.setTimes("/t/f", far, far);
        assertThat(client.stat("/t/f").atimeNanos()).isEqualTo(far);
    }

    @Test
    void hostilePathsAreRefusedByTheClientAndTheServer() throws Exception {
        assertThatThrownBy(() -> client.mkdirs("/a/../b")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> client.create("relative")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> client.stat("/a\0b")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> client.create("/" + "n".repeat(300))).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void listsTenThousandEntriesInPages() throws Exception {
        client.mkdirs("/big");
        int n = 10_000;
        // empty files are the cheapest entries: create them through the real API
        for (int i = 0; i < n; i++) {
            client.create(String.format("/big/f%05d", i)).close();
        }
        List<FileStatus> all = client.list("/big");
        assertThat(all).hasSize(n);
        assertThat(all.get(0).name()).isEqualTo("f00000");
        assertThat(all.get(n - 1).name()).isEqualTo("f09999");
        Iterator<FileStatus> it = client.listIterator("/big");
        int count = 0;
        String prev = "";
        while (it.hasNext()) {
            String name = it.next().name();
            assertThat(name).isGreaterThan(prev);
            prev = name;
            count++;
        }
        assertThat(count).isEqualTo(n);
    }
}
