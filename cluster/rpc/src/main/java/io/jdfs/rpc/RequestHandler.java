package io.jdfs.rpc;

import io.jdfs.protocol.Caller;

import io.jdfs.protocol.Message;
import java.util.concurrent.CompletableFuture;

/** Serves control requests on a server; the answer may complete later (e.g. after a journal sync). */
@FunctionalInterface
public interface RequestHandler {
    CompletableFuture<Message> handle(Message request, PeerInfo peer);

    /**
     * Who sent a request: the role it declared in the handshake, its address, and the user it acts
     * for (null when the peer named none: a server, or an older client).
     */
    record PeerInfo(String role, String address, Caller caller) {
        public PeerInfo(String role, String address) {
            this(role, address, null);
        }
    }
}
