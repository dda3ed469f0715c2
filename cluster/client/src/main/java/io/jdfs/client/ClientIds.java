package io.jdfs.client;

import java.net.InetAddress;
import java.util.UUID;

/**
 * Client ids that name the writer in logs and events ("alice@laptop:4711/3f2a9c1e", as HDFS names
 * DFSClient_NONMAPREDUCE_...): user, host and process, plus a random part so two clients in one
 * process differ.
 */
final class ClientIds {
    private ClientIds() {
    }

    static String next() {
        String user = System.getProperty("user.name", "?");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return user + "@" + host + ":" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
