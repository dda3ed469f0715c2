package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.LocatedBlock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.jdfs.local.junit.TestData.random;
import static io.jdfs.local.junit.TestData.sha256;
import static org.assertj.core.api.Assertions.assertThat;

@WithLocalCluster(dataServers = 3)
class ReplicationAndConcurrencyTest {
    static final long BLOCK = 1 << 20;

    static LocalCluster cluster;
    static DfsClient client;


    /** Which storage directories hold a finalized data file of this block. */
    static Set<Integer> serversHolding(long blockId) throws Exception {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            try (Stream<Path> s = Files.walk(cluster.storageDir(i).resolve("finalized"))) {
                if (s.anyMatch(p -> p.getFileName().toString().equals("blk_" + blockId))) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    @Test
    void everyBlockIsOnTwoDistinctServersDisks() throws Exception {
        byte[] data = random((int) (50 * BLOCK / 4 + 99), 7); // 12.5 MiB: 13 blocks of 1 MiB
        try (DfsOutputStream out = client.create("/repl/f", CreateOptions.defaults().withBlockSize(BLOCK))) {
            out.write(data);
        }
        // a file is complete once each block has one reported replica; the second report may trail
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                client.allBlocks("/repl/f").stream().allMatch(b -> b.locations().size() == 2));
        List<LocatedBlock> blocks = client.allBlocks("/repl/f");
        assertThat(blocks).hasSize(13);
        long total = 0;
        for (LocatedBlock b : blocks) {
            total += b.block().length();
            Set<Integer> holders = serversHolding(b.block().id());
            assertThat(holders).as("servers holding block %d", b.block().id()).hasSize(2);
            assertThat(b.locations()).extracting(DataServerRef::id).doesNotHaveDuplicates().hasSize(2);
            for (int i : holders) {
                Path f;
                try (Stream<Path> s = Files.walk(cluster.storageDir(i).resolve("finalized"))) {
                    f = s.filter(p -> p.getFileName().toString().equals("blk_" + b.block().id())).findFirst().orElseThrow();
                }
                assertThat(Files.size(f)).isEqualTo(b.block().length());
                // the bytes on disk are the file's bytes at that offset
                byte[] onDisk = Files.readAllBytes(f);
                byte[] expected = java.util.Arrays.copyOfRange(data, (int) b.offset(), (int) (b.offset() + b.block().length()));
                assertThat(onDisk).isEqualTo(expected);
            }
        }
        assertThat(total).isEqualTo(data.length);
    }

    @Test
    void fiftyMebibytesRoundTripWithDefaultBlockSize() throws Exception {
        byte[] data = random(50 << 20, 50);
        try (DfsOutputStream out = client.create("/big/50m")) {
            for (int off = 0; off < data.length; off += 100_000) {
                out.write(data, off, Math.min(100_000, data.length - off));
            }
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream(data.length);
        try (InputStream in = client.open("/big/50m")) {
            in.transferTo(back);
        }
        assertThat(sha256(back.toByteArray())).isEqualTo(sha256(data));
        assertThat(client.allBlocks("/big/50m")).hasSize(13);
    }

    @Test
    void eightConcurrentClientsWriteAndReadDifferentFiles() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    try (DfsClient c = cluster.newClient()) {
                        byte[] data = random((int) (3 * BLOCK + id * 1000), id);
                        String path = "/conc/c" + id;
                        try (DfsOutputStream out = c.create(path, CreateOptions.defaults().withBlockSize(BLOCK))) {
                            out.write(data);
                        }
                        byte[] back;
                        try (InputStream in = c.open(path)) {
                            back = in.readAllBytes();
                        }
                        return java.util.Arrays.equals(sha256(back), sha256(data));
                    }
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(client.list("/conc")).hasSize(8);
    }
}
