package io.jdfs.webdav;

import io.jdfs.local.LocalCluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a cluster and the gateway on port 18081 for poking by hand (not a test). */
public final class DevServerMain {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("webdav-dev");
        try (LocalCluster cluster = LocalCluster.forTests(dir, 1);
             WebDavServer s = WebDavServer.start("127.0.0.1", args.length > 0 ? Integer.parseInt(args[0]) : 18081,
                     cluster.nameServerAddress(), WebDavOptions.defaults())) {
            System.out.println("READY " + s.url());
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
