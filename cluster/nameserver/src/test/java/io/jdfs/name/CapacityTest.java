package io.jdfs.name;

import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A file system shared by several data servers counts once; Size is always Used + Free. */
class CapacityTest {
    private static final long GIB = 1L << 30;
    private final DataServerRegistry registry = new DataServerRegistry(10_000, 30_000, d -> { });

    private DataServerDescriptor server(String id, long used, long remaining, String fs, long fsFree) {
        DataServerDescriptor d = registry.register(id, "127.0.0.1", 9000 + id.hashCode() % 100, 252 * GIB, used,
                remaining, System.nanoTime());
        d.fileSystem(fs, fsFree);
        return d;
    }

    @Test
    void threeServersOnOneDiskCountItOnce() {
        List<DataServerDescriptor> local = List.of(server("a", GIB, 75 * GIB, "h:2049", 75 * GIB),
                server("b", 2 * GIB, 75 * GIB, "h:2049", 75 * GIB), server("c", 0, 75 * GIB, "h:2049", 75 * GIB));
        Capacity c = Capacity.of(local);
        assertThat(c.free()).isEqualTo(75 * GIB);
        assertThat(c.used()).isEqualTo(3 * GIB);
        assertThat(c.size()).isEqualTo(c.used() + c.free());
    }

    @Test
    void limitsOnASharedDiskAllowLessAndSeparateDisksAdd() {
        Capacity limited = Capacity.of(List.of(server("a", 0, 10 * GIB, "h:1", 75 * GIB),
                server("b", 0, 20 * GIB, "h:1", 75 * GIB)));
        assertThat(limited.free()).isEqualTo(30 * GIB); // their limits, not the disk
        Capacity separate = Capacity.of(List.of(server("a", 0, 75 * GIB, "h1:1", 75 * GIB),
                server("b", 0, 50 * GIB, "h2:1", 50 * GIB), server("old", GIB, 5 * GIB, null, 0)));
        assertThat(separate.free()).isEqualTo(130 * GIB); // two hosts, and a server that does not say
        assertThat(separate.size()).isEqualTo(131 * GIB);
    }
}
