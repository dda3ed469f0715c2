package io.jdfs.wire;

import io.jdfs.protocol.Json;
import io.jdfs.protocol.Handshake;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A hand-driven TCP peer for feeding servers bad input byte by byte. */
final class RawPeer implements AutoCloseable {
    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        socket.setTcpNoDelay(true);
        // one write per frame: byte-by-byte writes would meet Nagle's algorithm and delayed ACKs (40 ms a frame)
        out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
        out.write(Protocol.PREAMBLE); // every JDFS peer opens with it; the server greets after it
        out.flush();
    }

    /** Reads one control frame and returns its message. */
    Message readMessage() throws IOException {
        int len = in.readInt();
        byte type = in.readByte();
        in.readLong();
        byte[] payload = new byte[len - 9];
        in.readFully(payload);
        if (type != 1) {
            throw new IOException("expected a message frame, got type " + type);
        }
        return Json.MAPPER.readValue(payload, Message.class);
    }

    void sendMessage(long requestId, Message m) throws IOException {
        byte[] json = Json.MAPPER.writerFor(Message.class).writeValueAsBytes(m);
        sendFrame((byte) 1, requestId, json);
    }

    void sendFrame(byte type, long requestId, byte[] payload) throws IOException {
        out.writeInt(9 + payload.length);
        out.writeByte(type);
        out.writeLong(requestId);
        out.write(payload);
        out.flush();
    }

    /** Completes the handshake as a client of a cluster without a secret. */
    Handshake.HelloOk handshake() throws IOException {
        return handshake("client");
    }

    Handshake.HelloOk handshake(String role) throws IOException {
        Handshake.ServerHello hello = (Handshake.ServerHello) readMessage();
        sendMessage(0, new Handshake.ClientHello(Protocol.MAGIC, Protocol.VERSION, hello.clusterId(), role, "",
                role.equals("client") ? io.jdfs.protocol.Caller.ROOT : null));
        return (Handshake.HelloOk) readMessage();
    }

    /** True when the server closed the connection (reads reach end of stream) within the timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever is left
            }
            return true;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
