package io.jdfs.rpc;

import io.jdfs.protocol.Caller;

import io.jdfs.protocol.Message;
import java.util.concurrent.CompletableFuture;

/** Serves control requests on a server; the answer may complete later (e.g. after a journal sync). */
@FunctionalInterface
public interface RequestHandler {
    CompletableFuture<Message> handle(Message request, PeerInfo peer);

    /**
     * The connection's read burst ended: every request read so far on this thread was handed to
     * {@link #handle}. Called on the same I/O thread; a handler may finish work it gathered over the
     * burst here (the name server syncs its journal once for all of them).
     */
    default void readComplete() {
    }

    /**
     * Who sent a request: the role it declared in the handshake, its address, and the user it acts
     * for (null when the peer named none: a server, or an older client), and its login token (clusters
     * with a users file; null until it logs in).
     */
    record PeerInfo(String role, String address, Caller caller, String loginToken) {
        public PeerInfo(String role, String address) {
            this(role, address, null, null);
        }

        public PeerInfo(String role, String address, Caller caller) {
            this(role, address, caller, null);
        }

        public PeerInfo withLoginToken(String token) {
            return new PeerInfo(role, address, caller, token);
        }
    }
}
