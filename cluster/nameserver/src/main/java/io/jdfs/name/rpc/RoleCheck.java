package io.jdfs.name.rpc;

import io.jdfs.protocol.AdminRequest;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.RequestHandler.PeerInfo;

/**
 * Which protocol each role may speak to the name server, decided by the message's type: clients send
 * {@link ClientRequest}s and {@link AdminRequest}s, data servers
 * {@link DataServerRequest}s (and report bad replicas their scanner finds). A client can no
 * longer register, heartbeat for a server, or report blocks.
 */
final class RoleCheck {
    private RoleCheck() {
    }

    /** Null when {@code peer} may send {@code m}, else the reason it may not. */
    static String refusal(Message m, PeerInfo peer) {
        if (peer == null) {
            return null; // in-process call
        }
        String role = peer.role() == null ? "" : peer.role();
        boolean allowed;
        if (m instanceof ClientRequest) {
            allowed = role.equals(Protocol.ROLE_CLIENT)
                    || (role.equals(Protocol.ROLE_DATA_SERVER) && m instanceof ClientRequest.ReportBadReplica);
        } else if (m instanceof AdminRequest) {
            allowed = role.equals(Protocol.ROLE_CLIENT); // the superuser check comes with users (security issue)
        } else if (m instanceof DataServerRequest) {
            allowed = role.equals(Protocol.ROLE_DATA_SERVER);
        } else {
            allowed = false; // handshakes, replies and block transfers are never requests to the name server
        }
        return allowed ? null : "a " + (role.isEmpty() ? "peer" : role) + " connection may not send "
                + m.getClass().getSimpleName() + " (" + protocolOf(m) + ")";
    }

    private static String protocolOf(Message m) {
        if (m instanceof ClientRequest) {
            return "client protocol";
        } else if (m instanceof AdminRequest) {
            return "admin protocol";
        } else if (m instanceof DataServerRequest) {
            return "data server protocol";
        } else if (m instanceof TransferRequest) {
            return "data transfer protocol, spoken to data servers";
        }
        return "not a request";
    }
}
