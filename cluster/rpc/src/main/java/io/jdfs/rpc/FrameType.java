package io.jdfs.rpc;

import io.jdfs.protocol.ProtocolException;


/** The kind of a frame: a JSON control message, a raw data packet, or a packet acknowledgement. */
public enum FrameType {
    MESSAGE((byte) 1), DATA((byte) 2), ACK((byte) 3);

    final byte code;

    FrameType(byte code) {
        this.code = code;
    }

    static FrameType of(byte code) throws ProtocolException {
        for (FrameType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ProtocolException("unknown frame type " + code);
    }
}
