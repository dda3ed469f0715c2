package io.jdfs.fuse;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test fixture: a LocalCluster with 3 data servers, a client, and the cluster mounted at a directory. */
final class MountedCluster implements AutoCloseable {
    final LocalCluster cluster;
    final DfsClient client;
    final FuseGateway gateway;
    final Path mnt;

    private MountedCluster(LocalCluster cluster, DfsClient client, FuseGateway gateway, Path mnt) {
        this.cluster = cluster;
        this.client = client;
        this.gateway = gateway;
        this.mnt = mnt;
    }

    static MountedCluster start(Path base) throws Exception {
        return start(base, MountOptions.defaults());
    }

    static MountedCluster start(Path base, MountOptions options) throws Exception {
        LocalCluster cluster = LocalCluster.forTests(base.resolve("cluster"), 3);
        DfsClient client = null;
        try {
            // as the dfs mount command: the kernel applies the calling process's umask, the gateway none
            client = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()).withUmask(0));
            Path mnt = Files.createDirectories(base.resolve("mnt"));
            FuseGateway g = FuseGateway.mount(client, mnt,
                    options);
            return new MountedCluster(cluster, client, g, mnt);
        } catch (Exception e) {
            if (client != null) {
                client.close();
            }
            cluster.close();
            throw e;
        }
    }

    /** The outcome of a command run through bash. */
    record Result(int exit, String out, String err) {
        Result ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
            }
            return this;
        }
    }

    /** Runs a bash command line in {@code dir}; waits at most 2 minutes. */
    static Result sh(Path dir, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("bash", "-c", command)).directory(dir.toFile()).start();
        byte[][] streams = new byte[2][];
        Thread errReader = new Thread(() -> {
            try {
                streams[1] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = new byte[0];
            }
        });
        errReader.start();
        streams[0] = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        errReader.join();
        return new Result(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    Result sh(String command) throws IOException, InterruptedException {
        return sh(mnt, command);
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            client.close();
            cluster.close();
        }
    }
}
