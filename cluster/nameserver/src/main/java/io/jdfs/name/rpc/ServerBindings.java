package io.jdfs.name.rpc;

import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Message;
import io.jdfs.rpc.RequestHandler.PeerInfo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which data server each connection speaks for: the storage id it registered on that connection. A
 * heartbeat or block report naming another id is refused, so one server (or an impostor that knows
 * the secret) cannot take another's delete commands or rewrite its replica list.
 */
final class ServerBindings {
    /** Connection (peer address, unique per connection) to registered storage id. */
    private final Map<String, String> byConnection = new ConcurrentHashMap<>();

    void registered(PeerInfo peer, String serverId) {
        if (peer != null) {
            byConnection.put(peer.address(), serverId);
        }
    }

    /** Null when {@code m} may be sent on this connection, else why not. */
    String refusal(Message m, PeerInfo peer) {
        if (peer == null) {
            return null;
        }
        String claimed = m instanceof DataServerRequest.Heartbeat h ? h.serverId()
                : m instanceof DataServerRequest.BlockReport r ? r.serverId()
                : m instanceof DataServerRequest.BlockReceived b ? b.serverId() : null;
        if (claimed == null) {
            return null;
        }
        String bound = byConnection.get(peer.address());
        if (bound == null) {
            return "this connection has not registered a data server: send Register first";
        }
        return bound.equals(claimed) ? null
                : "this connection speaks for data server " + bound + ", not " + claimed;
    }
}
