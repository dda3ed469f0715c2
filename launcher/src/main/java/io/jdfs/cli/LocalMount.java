package io.jdfs.cli;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.fuse.FuseGateway;
import io.jdfs.fuse.Mounter;
import io.jdfs.fuse.MountOptions;

import java.nio.file.Path;

/** {@code dfs local --mount DIR}: the local cluster mounted as a directory, unmounted when the cluster stops. */
final class LocalMount implements AutoCloseable {
    private final DfsClient client;
    private final FuseGateway gateway;

    private LocalMount(DfsClient client, FuseGateway gateway) {
        this.client = client;
        this.gateway = gateway;
    }

    static LocalMount start(String nameServer, String secret, io.jdfs.rpc.tls.TlsSettings tls, Path dir) throws Exception {
        Mounter.checkMountPoint(dir);
        DfsClient client = DfsClient.connect(ClientConfig.of(nameServer).withSecret(secret).withTls(tls).withUmask(0));
        try {
            return new LocalMount(client, FuseGateway.mount(client, dir, MountOptions.defaults()));
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    Path mountPoint() {
        return gateway.mountPoint();
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            client.close();
        }
    }
}
