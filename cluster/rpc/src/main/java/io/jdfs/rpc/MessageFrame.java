package io.jdfs.rpc;

import io.jdfs.protocol.Message;


/** A control message and the request id it answers or opens (0 for handshake frames). */
public record MessageFrame(long requestId, Message message) {
}
