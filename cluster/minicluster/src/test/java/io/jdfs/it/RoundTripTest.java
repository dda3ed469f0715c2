package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Random;

import static io.jdfs.local.junit.TestData.random;
import static io.jdfs.local.junit.TestData.sha256;
import static org.assertj.core.api.Assertions.assertThat;

@WithLocalCluster(dataServers = 3)
class RoundTripTest {
    static final long BLOCK = 1 << 20;

    static LocalCluster cluster;
    static DfsClient client;


    @ParameterizedTest
    @ValueSource(longs = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK + 12345})
    void roundTrip(long size) throws Exception {
        byte[] data = random((int) size, size);
        String path = "/rt/file-" + size;
        try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withBlockSize(BLOCK))) {
            out.write(data);
        }
        FileStatus st = client.stat(path);
        assertThat(st.length()).isEqualTo(size);
        assertThat(st.complete()).isTrue();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream in = client.open(path)) {
            in.transferTo(back);
        }
        assertThat(sha256(back.toByteArray())).isEqualTo(sha256(data));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 70000})
    void preadAtRandomOffsets(int len) throws Exception {
        byte[] data = random((int) (3 * BLOCK + 777), 42);
        String path = "/pread/f" + len;
        try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withBlockSize(BLOCK))) {
            out.write(data);
        }
        Random r = new Random(len);
        try (DfsInputStream in = client.open(path)) {
            for (int i = 0; i < 50; i++) {
                int pos = r.nextInt(data.length);
                byte[] buf = new byte[len];
                int n = in.pread(pos, buf, 0, len);
                int expected = Math.min(len, data.length - pos);
                assertThat(n).isEqualTo(expected);
                for (int k = 0; k < n; k++) {
                    if (buf[k] != data[pos + k]) {
                        throw new AssertionError("byte " + (pos + k) + " differs");
                    }
                }
            }
            assertThat(in.pread(data.length, new byte[1], 0, 1)).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, BLOCK - 3, 2 * BLOCK + 5})
    void buffersHandedOverWithoutCopyAreTheFilesBytes(long from) throws Exception {
        byte[] data = random((int) (3 * BLOCK + 777), 7);
        String path = "/transfer/f" + from;
        try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withBlockSize(BLOCK))) {
            out.write(data);
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        long asked = BLOCK + 100_000; // crosses a block boundary, and the end of the file for the last start
        try (DfsInputStream in = client.open(path)) {
            in.seek(from);
            long sent = in.transferTo(asked, b -> {
                assertThat(b.isReadOnly()).isTrue();
                byte[] part = new byte[b.remaining()];
                b.get(part);
                back.write(part);
            });
            long expected = Math.min(asked, data.length - from);
            assertThat(sent).isEqualTo(expected);
            assertThat(in.getPos()).isEqualTo(from + expected);
        }
        byte[] want = java.util.Arrays.copyOfRange(data, (int) from, (int) Math.min(data.length, from + asked));
        assertThat(sha256(back.toByteArray())).isEqualTo(sha256(want));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsIntoByteBuffers(boolean direct) throws Exception {
        byte[] data = random((int) (2 * BLOCK + 4321), 11);
        String path = "/bytebuffer/f" + direct;
        try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withBlockSize(BLOCK))) {
            out.write(data);
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        // odd sizes, so that reads end inside segments and cross block boundaries
        java.nio.ByteBuffer buf = direct ? java.nio.ByteBuffer.allocateDirect(300_001) : java.nio.ByteBuffer.allocate(300_001);
        try (DfsInputStream in = client.open(path)) {
            in.seek(3);
            back.write(data, 0, 3);
            assertThat(in.read(buf.limit(0))).isZero();
            for (int n; (n = in.read(buf.clear().position(7))) >= 0; ) {
                assertThat(buf.position()).isEqualTo(7 + n);
                byte[] part = new byte[n];
                buf.flip().position(7);
                buf.get(part);
                back.write(part);
            }
            assertThat(in.getPos()).isEqualTo(data.length);
        }
        assertThat(sha256(back.toByteArray())).isEqualTo(sha256(data));
    }
}
