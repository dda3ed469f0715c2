package io.jdfs.wire;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.BlockToken;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.protocol.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Knowing a block id is not enough: data servers read, write and copy only for a valid token. */
class BlockTokenTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;
    static byte[] data = new byte[300_000];
    static LocatedBlock located;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir, 3);
        client = cluster.newClient();
        new Random(7).nextBytes(data);
        try (DfsOutputStream out = client.create("/tokens/file", CreateOptions.defaults().withReplication(2))) {
            out.write(data);
        }
        located = client.allBlocks("/tokens/file").get(0);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        cluster.close();
    }

    /** The port of a data server holding the block. */
    static int holder() {
        return located.locations().get(0).port();
    }

    static Reply.ErrorReply refusedRead(BlockToken token) throws IOException {
        try (RawPeer p = new RawPeer(holder())) {
            p.handshake();
            Block b = located.block();
            p.sendMessage(3, new TransferRequest.ReadBlock(b.id(), b.generation(), 0, b.length(), token));
            Message m = p.readMessage();
            assertThat(m).isInstanceOf(Reply.ErrorReply.class);
            Reply.ErrorReply e = (Reply.ErrorReply) m;
            assertThat(e.code()).isEqualTo(ErrorCode.BLOCK_TOKEN);
            return e;
        }
    }

    @Test
    void locationsCarryReadTokens() {
        assertThat(located.token()).isNotNull();
        assertThat(located.token().access()).isEqualTo(BlockToken.Access.READ);
        assertThat(located.token().blockId()).isEqualTo(located.block().id());
    }

    @Test
    void aReadNamingOnlyTheBlockIdIsRefused() throws IOException {
        assertThat(refusedRead(null).message()).contains("no block access token for block " + located.block().id());
    }

    @Test
    void forgedExpiredOtherBlockAndWrongUseTokensAreRefused() throws IOException {
        long id = located.block().id();
        BlockToken good = cluster.nameServer().blockTokens().issue(id, BlockToken.Access.READ);
        BlockToken forged = new BlockToken(id, BlockToken.Access.READ, good.expiresMillis() + 3_600_000, good.keyId(),
                good.mac());
        assertThat(refusedRead(forged).message()).contains("bad signature");
        BlockToken expired = cluster.nameServer().blockTokens().issue(id, BlockToken.Access.READ,
                System.currentTimeMillis() - 1_000);
        assertThat(refusedRead(expired).message()).contains("expired");
        BlockToken other = cluster.nameServer().blockTokens().issue(id + 1, BlockToken.Access.READ);
        assertThat(refusedRead(other).message()).contains("is for block " + (id + 1));
        BlockToken copy = cluster.nameServer().blockTokens().issue(id, BlockToken.Access.COPY);
        assertThat(refusedRead(copy).message()).contains("does not allow");
    }

    @Test
    void aValidTokenReads() throws IOException {
        LocatedBlock fresh = client.allBlocks("/tokens/file").get(0);
        try (RawPeer p = new RawPeer(fresh.locations().get(0).port())) {
            p.handshake();
            Block b = fresh.block();
            p.sendMessage(3, new TransferRequest.ReadBlock(b.id(), b.generation(), 0, b.length(), fresh.token()));
            assertThat(p.readMessage()).isInstanceOfSatisfying(Reply.ReadReply.class,
                    r -> assertThat(r.blockLength()).isEqualTo(data.length));
        }
    }

    @Test
    void aWriteWithoutATokenIsRefusedAndStoresNothing() throws IOException {
        long blockId = 555_000_111L;
        try (RawPeer p = new RawPeer(cluster.dataServer(0).port())) {
            p.handshake();
            p.sendMessage(3, new TransferRequest.WriteBlock(new Block(blockId, 1, 0), List.of(), "intruder"));
            Reply.ErrorReply e = (Reply.ErrorReply) p.readMessage();
            assertThat(e.code()).isEqualTo(ErrorCode.BLOCK_TOKEN);
            BlockToken read = cluster.nameServer().blockTokens().issue(blockId, BlockToken.Access.READ);
            p.sendMessage(4, new TransferRequest.WriteBlock(new Block(blockId, 1, 0), List.of(), "intruder", read));
            assertThat(((Reply.ErrorReply) p.readMessage()).message()).contains("does not allow");
        }
        assertThat(cluster.dataServer(0).store().get(blockId)).isNull();
    }

    @Test
    void clientsReadAndReReplicationCopiesWithTokens() throws Exception {
        try (InputStream in = client.open("/tokens/file")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (DfsOutputStream out = client.create("/tokens/copied", CreateOptions.defaults().withReplication(1))) {
            out.write(data);
        }
        client.setReplication("/tokens/copied", 3); // copies go out with COPY tokens
        await().atMost(Duration.ofSeconds(30)).until(() -> client.allBlocks("/tokens/copied").get(0).locations().size() == 3);
        try (InputStream in = client.open("/tokens/copied")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }
}
