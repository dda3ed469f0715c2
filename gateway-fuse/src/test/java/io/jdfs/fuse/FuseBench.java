package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Not a test: throughput through the mount against the client API and against dd on local disk,
 * measured in the same run on a fresh LocalCluster (3 data servers). Prints figures only.
 * Arguments: [SIZE_MIB (default 256)] [extra libfuse -o options, comma separated].
 */
public final class FuseBench {
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        List<String> extra = args.length > 1 ? List.of(args[1].split(",")) : List.of();
        Path base = Files.createTempDirectory("jdfs-fuse-bench");
        Path local = Files.createDirectories(base.resolve("local"));
        Path mnt = Files.createDirectories(base.resolve("mnt"));
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        Path src = local.resolve("src.bin");
        try (var out = Files.newOutputStream(src)) {
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
            }
        }
        try (LocalCluster cluster = LocalCluster.forTests(base.resolve("cluster"), 3);
             DfsClient client = cluster.newClient()) {
            FuseGateway g = FuseGateway.mount(client, mnt, MountOptions.defaults()
                    .withExtra(extra));
            try {
                System.out.printf("FUSE bench: %d MiB, options %s%n", mib, extra.isEmpty() ? "(default)" : extra);
                long t = System.nanoTime();
                try (DfsOutputStream out = client.create("/api.bin")) {
                    for (int i = 0; i < mib; i++) {
                        out.write(chunk);
                    }
                }
                report("API write", mib, t);
                t = System.nanoTime();
                try (InputStream in = client.open("/api.bin")) {
                    byte[] b = new byte[1 << 20];
                    while (in.read(b) > 0) {
                        // drain
                    }
                }
                report("API read", mib, t);
                t = System.nanoTime();
                sh("dd if=" + src + " of=" + mnt + "/fuse.bin bs=1M status=none");
                report("mount write (dd bs=1M)", mib, t);
                t = System.nanoTime();
                sh("dd if=" + mnt + "/fuse.bin of=/dev/null bs=1M status=none");
                report("mount read (dd bs=1M)", mib, t);
                t = System.nanoTime();
                sh("dd if=" + src + " of=" + local + "/copy.bin bs=1M conv=fsync status=none");
                report("local disk write (dd conv=fsync)", mib, t);
                t = System.nanoTime();
                sh("dd if=" + local + "/copy.bin of=/dev/null bs=1M iflag=direct status=none");
                report("local disk read (dd iflag=direct)", mib, t);

                int files = 1000;
                t = System.nanoTime();
                sh("mkdir " + mnt + "/small && cd " + mnt + "/small && for i in $(seq 1 " + files
                        + "); do head -c 4096 " + src + " > f$i; done");
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf("  %-36s %8.0f files/s (%d x 4 KiB in %.2f s)%n", "mount creates (shell loop)",
                        files / s, files, s);
                t = System.nanoTime();
                for (int i = 0; i < files; i++) {
                    try (DfsOutputStream out = client.create("/api-small/f" + i)) {
                        out.write(chunk, 0, 4096);
                    }
                }
                s = (System.nanoTime() - t) / 1e9;
                System.out.printf("  %-36s %8.0f files/s%n", "API creates", files / s);
                t = System.nanoTime();
                sh("ls -l " + mnt + "/small > /dev/null");
                System.out.printf("  %-36s %8.3f s%n", "ls -l of " + files + " entries", (System.nanoTime() - t) / 1e9);
            } finally {
                g.close();
            }
        } finally {
            sh("rm -rf " + base);
        }
    }

    private static void report(String what, int mib, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("  %-36s %8.1f MiB/s (%.2f s)%n", what, mib / s, s);
    }

    private static void sh(String command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of("bash", "-c", command))).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + command);
        }
    }
}
