package io.jdfs.fuse;

import io.jdfs.client.DfsClient;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A gateway in its own process (for GatewayProcessTest): mounts, says MOUNTED, unmounts on SIGTERM. */
public final class MountMain {
    public static void main(String[] args) throws Exception {
        DfsClient client = DfsClient.connect(args[0]);
        FuseGateway g = FuseGateway.mount(client, Path.of(args[1]),
                MountOptions.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                g.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                client.close();
            }
        }));
        System.out.println("MOUNTED");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
