package io.jdfs.rpc;

import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Json;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Handshake;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Raw sockets against a server: a peer that never reads is paused, then dropped; a silent one is dropped. */
class ConnectionLimitsTest {
    static final int REPLY_BYTES = 256 * 1024;

    final AtomicInteger handled = new AtomicInteger();

    RpcServer server(ServerLimits limits) throws InterruptedException {
        RequestHandler bigReplies = (request, peer) -> {
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(new Reply.ErrorReply(ErrorCode.INTERNAL, "x".repeat(REPLY_BYTES)));
        };
        return new RpcServer("limits-test", "127.0.0.1", 0, "nameserver", ClusterIdentity.open(),
                () -> new RpcDispatcher(bigReplies), null, limits);
    }

    /** Connects, shakes hands as a client, and leaves the socket to the test. */
    static Socket connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        s.setSoTimeout(10_000);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        DataInputStream in = new DataInputStream(s.getInputStream());
        out.write(Protocol.PREAMBLE);
        Handshake.ServerHello hello = (Handshake.ServerHello) read(in);
        send(out, 0, new Handshake.ClientHello(Protocol.MAGIC, Protocol.VERSION, hello.clusterId(), "client", "", null));
        assertThat(read(in)).isInstanceOf(Handshake.HelloOk.class);
        return s;
    }

    static Message read(DataInputStream in) throws IOException {
        int len = in.readInt();
        in.readByte();
        in.readLong();
        byte[] payload = new byte[len - 9];
        in.readFully(payload);
        return Json.MAPPER.readValue(payload, Message.class);
    }

    static void send(DataOutputStream out, long id, Message m) throws IOException {
        byte[] json = Json.MAPPER.writerFor(Message.class).writeValueAsBytes(m);
        out.writeInt(9 + json.length);
        out.writeByte(1);
        out.writeLong(id);
        out.write(json);
        out.flush();
    }

    @Test
    void aPeerThatNeverReadsIsPausedThenDropped() throws Exception {
        try (RpcServer server = server(new ServerLimits(0, 1_000)); Socket s = connect(server.port(), 4096)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            int sent = 0;
            try {
                for (; sent < 2_000; sent++) {
                    send(out, sent + 1, new ClientRequest.GetStatus("/"));
                }
            } catch (SocketException e) {
                // the server closed it while we were still sending: fine
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.openConnections() == 0);
            // it stopped taking requests once its replies piled up: a bounded number was served, not 2,000
            // (2 MiB high-water mark / 256 KiB replies, plus what was already decoded and in socket buffers)
            assertThat(sent).isGreaterThan(100);
            assertThat(handled.get()).isLessThan(100);
            // and the server still serves others
            try (Socket other = connect(server.port(), 1 << 20)) {
                send(new DataOutputStream(other.getOutputStream()), 1, new ClientRequest.GetStatus("/"));
                assertThat(read(new DataInputStream(other.getInputStream())))
                        .isInstanceOfSatisfying(Reply.ErrorReply.class, r -> assertThat(r.message()).hasSize(REPLY_BYTES));
            }
        }
    }

    @Test
    void aFrameOverTheConfiguredMaximumClosesTheConnection() throws Exception {
        ServerLimits limits = new ServerLimits(0, 60_000, 1_000, 4_096, ServerLimits.DEFAULT_PAUSE_AFTER_BYTES,
                ServerLimits.MIN_FRAME_BYTES);
        try (RpcServer server = server(limits); Socket s = connect(server.port(), 1 << 16)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(ServerLimits.MIN_FRAME_BYTES + 1); // under the protocol's maximum, over this server's
            out.writeByte(1);
            out.writeLong(1);
            out.flush();
            assertThat(read(new DataInputStream(s.getInputStream())))
                    .isInstanceOfSatisfying(Reply.ErrorReply.class, r -> assertThat(r.message()).contains("exceeds the maximum"));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        }
        assertThatThrownBy(() -> new ServerLimits(0, 60_000, 1_000, 4_096, 1 << 20, Protocol.MAX_FRAME_BYTES * 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RpcServer server = server(new ServerLimits(300, 60_000)); Socket s = connect(server.port(), 1 << 16)) {
            assertThat(s.getInputStream().read()).isEqualTo(-1); // the server closed it
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        }
    }

    @Test
    void withoutAnIdleTimeoutASilentConnectionStays() throws Exception {
        try (RpcServer server = server(new ServerLimits(0, 60_000)); Socket s = connect(server.port(), 1 << 16)) {
            s.setSoTimeout(1_000);
            assertThat(readTimesOut(s)).isTrue();
            assertThat(server.openConnections()).isEqualTo(1);
        }
    }

    private static boolean readTimesOut(Socket s) throws IOException {
        try {
            s.getInputStream().read();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    @Test
    void oneAddressMayHoldOnlySoManyConnections() throws Exception {
        try (RpcServer server = server(new ServerLimits(0, 60_000, 1_000, 3))) {
            java.util.List<Socket> open = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(connect(server.port(), 1 << 16));
                }
                try (Socket fourth = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    fourth.setSoTimeout(10_000);
                    assertThat(fourth.getInputStream().read()).isEqualTo(-1); // closed before any greeting
                }
                open.remove(0).close();
                await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 2);
                open.add(connect(server.port(), 1 << 16)); // room again
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aConnectionHasOnlySoManyRequestsServedAtOnce() throws Exception {
        java.util.concurrent.BlockingQueue<CompletableFuture<Message>> held = new java.util.concurrent.LinkedBlockingQueue<>();
        RequestHandler slow = (request, peer) -> {
            handled.incrementAndGet();
            CompletableFuture<Message> f = new CompletableFuture<>();
            held.add(f);
            return f;
        };
        try (RpcServer server = new RpcServer("limits-test", "127.0.0.1", 0, "nameserver", ClusterIdentity.open(),
                () -> new RpcDispatcher(slow, 5), null, ServerLimits.defaults());
             Socket s = connect(server.port(), 1 << 16)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            for (int i = 1; i <= 50; i++) {
                send(out, i, new ClientRequest.GetStatus("/"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 5);
            for (int i = 0; i < 5; i++) {
                held.take().complete(new Reply.Ok());
            }
            // five answered, so five more are taken, and no more: the rest wait unread
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 10);
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int i = 0; i < 5; i++) {
                assertThat(read(in)).isInstanceOf(Reply.Ok.class);
            }
            assertThat(handled.get()).isEqualTo(10);
            while (handled.get() < 50 || !held.isEmpty()) {
                CompletableFuture<Message> f = held.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(f).as("the remaining requests are served as earlier ones are answered").isNotNull();
                f.complete(new Reply.Ok());
            }
            assertThat(handled.get()).isEqualTo(50);
        }
    }
}
