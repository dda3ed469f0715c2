package io.jdfs.name;

import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.journal.MetadataStore;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.safemode.SafeMode;
import io.jdfs.name.servers.DataServerRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real {@link NamespaceService} on a metadata directory of its own (journal on disk) with data servers
 * registered but no sockets: for tests of the name server's decisions, which drive its services directly.
 */
final class NamespaceServiceFixture implements AutoCloseable {
    final Path dir;
    final MetadataStore store;
    final BlockMap blocks;
    final DataServerRegistry servers;
    final NamespaceService svc;

    /** {@code dataServers} servers ds0, ds1, ... and leases that expire {@code leaseExpiryMillis} after renewal. */
    NamespaceServiceFixture(String name, int dataServers, long leaseExpiryMillis) throws IOException {
        dir = Files.createTempDirectory("jdfs-" + name);
        MetadataStore.Loaded loaded = MetadataStore.load(dir);
        blocks = loaded.blockMap();
        store = MetadataStore.open(dir, loaded, false);
        servers = new DataServerRegistry(10_000, 20_000, d -> { });
        for (int i = 0; i < dataServers; i++) {
            servers.register("ds" + i, "127.0.0.1", 9001 + i, 1L << 40, 0, System.nanoTime());
        }
        svc = new NamespaceService(loaded.namespace(), blocks, servers, new BlockPlacementPolicy(),
                new LeaseManager(leaseExpiryMillis), NameServerConfig.forTests().withDefaults(2, 1 << 20),
                store.journal(), new SafeMode(1, 0, () -> { }), new io.jdfs.name.events.EventLog(),
                new io.jdfs.name.permission.Permissions(0, -1));
    }

    @Override
    public void close() throws IOException {
        store.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
