package io.jdfs.it;

import io.jdfs.name.NameServer;
import io.jdfs.name.NameServerConfig;

import java.nio.file.Path;

/** A name server in its own JVM, for tests that kill it with SIGKILL. Args: metaDir port. */
public final class NameServerMain {
    private NameServerMain() {
    }

    public static void main(String[] args) throws Exception {
        NameServer ns = NameServer.start(NameServerConfig.forTests()
                .withAddress("127.0.0.1", Integer.parseInt(args[1]), -1).withMetaDir(Path.of(args[0])));
        System.out.println("READY " + ns.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
