package io.jdfs.wire;

import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.BlockToken;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Handshake;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.Ack;
import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.common.HostPort;
import io.jdfs.data.DataServer;
import io.jdfs.data.DataServerConfig;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Raw bytes at the servers: every bad frame gets an error and a closed connection, and service goes on. */
class BadInputTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static int nsPort;
    static int dsPort;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir, 2);
        nsPort = cluster.nameServer().port();
        dsPort = cluster.dataServer(0).port();
    }

    /** What the name server would hand out for this block and use. */
    static BlockToken token(long blockId, BlockToken.Access access) {
        return cluster.nameServer().blockTokens().issue(blockId, access);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @AfterEach
    void serversStillServe() throws Exception {
        try (DfsClient c = cluster.newClient()) {
            String path = "/still/" + System.nanoTime();
            try (DfsOutputStream out = c.create(path)) {
                out.write("alive".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = c.open(path)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("alive");
            }
        }
    }

    private static Reply.ErrorReply expectError(RawPeer p) throws Exception {
        Message m = p.readMessage();
        assertThat(m).isInstanceOf(Reply.ErrorReply.class);
        assertThat(p.closedByServer()).isTrue();
        return (Reply.ErrorReply) m;
    }

    @Test
    void garbageBytesGetAnErrorAndAClosedConnection() throws Exception {
        for (int port : new int[]{nsPort, dsPort}) {
            Random r = new Random(port);
            for (int i = 0; i < 5; i++) {
                try (RawPeer p = new RawPeer(port)) {
                    p.readMessage(); // ServerHello
                    byte[] junk = new byte[64];
                    r.nextBytes(junk);
                    junk[0] = (byte) (0x80 | junk[0]); // negative length: never a valid frame
                    p.out.write(junk);
                    p.out.flush();
                    assertThat(expectError(p).code()).isEqualTo(ErrorCode.PROTOCOL);
                }
            }
        }
    }

    @Test
    void oversizedLengthIsRefusedWithoutAllocating() throws Exception {
        try (RawPeer p = new RawPeer(nsPort)) {
            p.readMessage();
            p.out.writeInt(Integer.MAX_VALUE);
            p.out.write(new byte[100]);
            p.out.flush();
            Reply.ErrorReply e = expectError(p);
            assertThat(e.message()).contains("exceeds the maximum");
        }
    }

    @Test
    void tooSmallLengthIsRefused() throws Exception {
        try (RawPeer p = new RawPeer(nsPort)) {
            p.readMessage();
            p.out.writeInt(3);
            p.out.write(new byte[3]);
            p.out.flush();
            assertThat(expectError(p).message()).contains("too small");
        }
    }

    @Test
    void truncatedFrameThenHangupLeavesTheServerServing() throws Exception {
        for (int port : new int[]{nsPort, dsPort}) {
            try (RawPeer p = new RawPeer(port)) {
                p.readMessage();
                p.out.writeInt(1000);
                p.out.write(new byte[10]);
                p.out.flush();
            }
        }
    }

    @Test
    void malformedDataPacketsAreRefused() throws Exception {
        // a packet whose checksum count does not match its bytes, and one off a chunk boundary
        byte[][] bad = new byte[2][];
        java.nio.ByteBuffer wrongCount = java.nio.ByteBuffer.allocate(21 + 8 + 10);
        wrongCount.putLong(0).putLong(0).put((byte) 0).putInt(2).putInt(0).putInt(0);
        bad[0] = wrongCount.array();
        java.nio.ByteBuffer unaligned = java.nio.ByteBuffer.allocate(21 + 4 + 10);
        unaligned.putLong(0).putLong(100).put((byte) 0).putInt(1).putInt(0);
        bad[1] = unaligned.array();
        for (byte[] packet : bad) {
            try (RawPeer p = new RawPeer(dsPort)) {
                p.handshake();
                p.sendFrame((byte) 2, 1, packet);
                assertThat(expectError(p).code()).isEqualTo(ErrorCode.PROTOCOL);
            }
        }
    }

    @Test
    void requestsBeforeTheHandshakeAreRefused() throws Exception {
        try (RawPeer p = new RawPeer(nsPort)) {
            p.readMessage();
            p.sendMessage(1, new ClientRequest.GetStatus("/"));
            assertThat(expectError(p).message()).contains("handshake");
        }
    }

    @Test
    void wrongMagicVersionOrClusterIdIsRefused() throws Exception {
        try (RawPeer p = new RawPeer(nsPort)) {
            p.readMessage();
            p.sendMessage(0, new Handshake.ClientHello(0x12345678, Protocol.VERSION, "", "client", "", null));
            assertThat(expectError(p).message()).contains("magic");
        }
        try (RawPeer p = new RawPeer(nsPort)) {
            p.readMessage();
            p.sendMessage(0, new Handshake.ClientHello(Protocol.MAGIC, 99, "", "client", "", null));
            assertThat(expectError(p).message()).contains("version 99");
        }
        try (RawPeer p = new RawPeer(nsPort)) {
            p.readMessage();
            p.sendMessage(0, new Handshake.ClientHello(Protocol.MAGIC, Protocol.VERSION, "CID-other", "client", "", null));
            Reply.ErrorReply e = expectError(p);
            assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
            assertThat(e.message()).contains("cluster id mismatch");
        }
    }

    @Test
    void unknownMessageTypesAndMalformedJsonAfterHandshake() throws Exception {
        try (RawPeer p = new RawPeer(nsPort)) {
            p.handshake();
            p.sendFrame((byte) 1, 7, "{\"@type\":\"FormatDisk\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(expectError(p).message()).contains("malformed message");
        }
        try (RawPeer p = new RawPeer(nsPort)) {
            p.handshake();
            p.sendFrame((byte) 1, 7, "{not json".getBytes(StandardCharsets.UTF_8));
            assertThat(expectError(p).code()).isEqualTo(ErrorCode.PROTOCOL);
        }
        try (RawPeer p = new RawPeer(nsPort)) {
            p.handshake();
            p.sendFrame((byte) 42, 7, new byte[4]);
            assertThat(expectError(p).message()).contains("unknown frame type");
        }
    }

    @Test
    void aClientConnectionMayNotSpeakTheDataServerOrTransferProtocol() throws Exception {
        try (RawPeer p = new RawPeer(nsPort)) {
            p.handshake(); // as a client
            p.sendMessage(3, new DataServerRequest.Register("ds-evil", "127.0.0.1", 1, 1L << 40, 0, null));
            Reply.ErrorReply register = (Reply.ErrorReply) p.readMessage();
            assertThat(register.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(register.message()).contains("a client connection may not send Register (data server protocol)");
            p.sendMessage(4, new DataServerRequest.Heartbeat("ds-evil", 1, 0, 1, 0, 0));
            assertThat(((Reply.ErrorReply) p.readMessage()).message()).contains("may not send Heartbeat");
            p.sendMessage(5, new TransferRequest.ReadBlock(1, 1, 0, 10));
            assertThat(((Reply.ErrorReply) p.readMessage()).message()).contains("spoken to data servers");
            p.sendMessage(6, new ClientRequest.GetStatus("/"));
            assertThat(p.readMessage()).isInstanceOf(Reply.StatusReply.class); // the client protocol still works
        }
        assertThat(cluster.nameServer().status().clusterStatus().servers()).noneMatch(s -> s.id().equals("ds-evil"));
    }

    @Test
    void aDataServerConnectionSpeaksOnlyForTheServerItRegistered() throws Exception {
        String victim = cluster.dataServer(0).serverId();
        try (RawPeer p = new RawPeer(nsPort)) {
            p.handshake("dataserver");
            p.sendMessage(3, new DataServerRequest.Heartbeat(victim, 1, 0, 1, 0, 0));
            assertThat(((Reply.ErrorReply) p.readMessage()).message()).contains("has not registered a data server");
            // no capacity: placement never picks it for the other tests sharing this cluster
            p.sendMessage(4, new DataServerRequest.Register("ds-impostor", "127.0.0.1", 1, 0, 0, null));
            assertThat(p.readMessage()).isInstanceOf(Reply.RegisterReply.class);
            p.sendMessage(5, new DataServerRequest.Heartbeat(victim, 1, 0, 1, 0, 0));
            assertThat(((Reply.ErrorReply) p.readMessage()).message())
                    .contains("speaks for data server ds-impostor, not " + victim);
            p.sendMessage(6, new DataServerRequest.BlockReport(victim, 1, java.util.List.of(), true));
            assertThat(p.readMessage()).isInstanceOf(Reply.ErrorReply.class);
            p.sendMessage(7, new DataServerRequest.Heartbeat("ds-impostor", 0, 0, 0, 0, 0));
            assertThat(p.readMessage()).isInstanceOf(Reply.HeartbeatReply.class);
        }
    }

    @Test
    void theNameServerAnswersBadPathsWithATypedErrorAndKeepsTheConnection() throws Exception {
        try (RawPeer p = new RawPeer(nsPort)) {
            p.handshake();
            p.sendMessage(5, new ClientRequest.Mkdirs("/a/../../etc", 0755));
            Reply.ErrorReply e = (Reply.ErrorReply) p.readMessage();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH);
            p.sendMessage(6, new ClientRequest.GetStatus("/"));
            assertThat(p.readMessage()).isInstanceOf(Reply.StatusReply.class);
        }
    }

    @Test
    void dataServerRefusesStrayPacketsAndBadBlocks() throws Exception {
        try (RawPeer p = new RawPeer(dsPort)) {
            p.handshake();
            java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(21 + 4 + 10);
            packet.putLong(0).putLong(0).put((byte) 0).putInt(1).putInt(0);
            p.sendFrame((byte) 2, 99, packet.array());
            assertThat(expectError(p).message()).contains("not an open write");
        }
        try (RawPeer p = new RawPeer(dsPort)) {
            p.handshake();
            p.sendMessage(3, new TransferRequest.ReadBlock(123456789L, 1, 0, 100, token(123456789L, BlockToken.Access.READ)));
            Reply.ErrorReply e = (Reply.ErrorReply) p.readMessage();
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            p.sendMessage(4, new TransferRequest.WriteBlock(new Block(-5, 1, 0), java.util.List.of(), "x",
                    token(-5, BlockToken.Access.WRITE)));
            assertThat(((Reply.ErrorReply) p.readMessage()).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Test
    void corruptPacketIsRejectedAndNothingIsStored() throws Exception {
        try (RawPeer p = new RawPeer(dsPort)) {
            p.handshake();
            long blockId = 987654321L;
            p.sendMessage(3, new TransferRequest.WriteBlock(new Block(blockId, 1, 0), java.util.List.of(), "x",
                    token(blockId, BlockToken.Access.WRITE)));
            assertThat(p.readMessage()).isInstanceOf(Reply.WriteReady.class);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(21 + 4 + 100);
            b.putLong(0).putLong(0).put((byte) 1).putInt(1).putInt(12345); // one chunk, wrong CRC
            p.sendFrame((byte) 2, 3, b.array());
            // an ack with an error status, then the error reply
            int len = p.in.readInt();
            assertThat(p.in.readByte()).isEqualTo((byte) 3);
            p.in.readLong();
            p.in.readLong();
            assertThat(p.in.readByte()).isEqualTo((byte) Ack.Status.CHECKSUM_ERROR.ordinal());
            p.in.readInt();
            assertThat(len).isEqualTo(22);
            assertThat(((Reply.ErrorReply) p.readMessage()).code()).isEqualTo(ErrorCode.CHECKSUM);
            assertThat(cluster.dataServer(0).store().get(blockId)).isNull();
        }
    }

    @Test
    void aSecretKeepsStrangersOut(@TempDir Path secretDir) throws Exception {
        try (LocalCluster secure = LocalCluster.start(secretDir, NameServerConfig.forTests().withSecret("s3cret"), 1, 0, 0)) {
            ClientConfig base = ClientConfig.of(secure.nameServerAddress());
            assertThatThrownBy(() -> DfsClient.connect(base)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("secret");
            assertThatThrownBy(() -> DfsClient.connect(base.withSecret("wrong"))).isInstanceOf(AuthenticationException.class);
            try (DfsClient ok = DfsClient.connect(base.withSecret("s3cret"))) {
                try (DfsOutputStream out = ok.create("/s")) {
                    out.write(1);
                }
                assertThat(ok.stat("/s").length()).isEqualTo(1);
            }
            // a data server without the secret cannot join
            try (DataServer rogue = DataServer.start(new DataServerConfig("127.0.0.1", 0, secretDir.resolve("rogue"),
                    HostPort.parse(secure.nameServerAddress(), 9000), 0, null))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> rogue.lastError().contains("secret"));
                assertThat(rogue.registered()).isFalse();
            }
        }
    }

    @Test
    void aDataServerOfAnotherClusterIsRefused(@TempDir Path other) throws Exception {
        Path storage = other.resolve("ds");
        try (LocalCluster first = LocalCluster.start(other.resolve("c1"), NameServerConfig.forTests(), 0, 0, 0);
             DataServer ds = DataServer.start(new DataServerConfig("127.0.0.1", 0, storage,
                     HostPort.parse(first.nameServerAddress(), 9000), 0, null))) {
            await().atMost(Duration.ofSeconds(10)).until(ds::registered);
        }
        try (LocalCluster second = LocalCluster.start(other.resolve("c2"), NameServerConfig.forTests(), 0, 0, 0);
             DataServer ds = DataServer.start(new DataServerConfig("127.0.0.1", 0, storage,
                     HostPort.parse(second.nameServerAddress(), 9000), 0, null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ds.lastError().contains("cluster"));
            assertThat(ds.registered()).isFalse();
            assertThat(ds.lastError()).contains("cluster id mismatch");
        }
    }
}
