package io.jdfs.rpc;

import io.jdfs.protocol.Message;
import java.util.concurrent.CompletableFuture;

/** Serves control requests on a server; the answer may complete later (e.g. after a journal sync). */
@FunctionalInterface
public interface RequestHandler {
    CompletableFuture<Message> handle(Message request, PeerInfo peer);

    /** Who sent a request: the role it declared in the handshake and its address. */
    record PeerInfo(String role, String address) {
    }
}
