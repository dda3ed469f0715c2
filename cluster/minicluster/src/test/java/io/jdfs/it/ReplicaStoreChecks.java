package io.jdfs.it;

import io.jdfs.data.store.Replica;
import io.jdfs.data.store.ReplicaWriter;
import io.jdfs.rpc.Checksums;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the block-store tests do to a replica writer and check on disk, shared by them. */
final class ReplicaStoreChecks {
    private ReplicaStoreChecks() {
    }

    /** Writes {@code length} bytes of {@code data} at {@code offset}, with their checksums, as a packet would. */
    static void write(ReplicaWriter w, byte[] data, int offset, int length) throws IOException {
        ByteBuf b = Unpooled.wrappedBuffer(data, offset, length);
        w.write(offset, b, Checksums.compute(b));
    }

    /** The replica's bytes on disk are {@code data} and its checksums are those of {@code data}. */
    static void assertReplicaHolds(Replica r, byte[] data) throws IOException {
        byte[] onDisk = new byte[(int) r.length()];
        try (FileChannel ch = FileChannel.open(r.dataFile())) {
            ByteBuffer b = ByteBuffer.wrap(onDisk);
            long pos = r.dataOffset();
            while (b.hasRemaining()) {
                pos += ch.read(b, pos);
            }
        }
        assertThat(onDisk).isEqualTo(data);
        assertThat(r.checksums()).isEqualTo(Checksums.compute(Unpooled.wrappedBuffer(data)));
    }

    /** The names of the files in the store's tmp directory (replicas being written). */
    static List<String> tmpNames(Path storeDir) throws IOException {
        try (Stream<Path> s = Files.list(storeDir.resolve("tmp"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
