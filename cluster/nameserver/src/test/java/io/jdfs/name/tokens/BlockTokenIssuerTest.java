package io.jdfs.name.tokens;

import io.jdfs.protocol.BlockKey;
import io.jdfs.protocol.BlockToken;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.rpc.BlockTokens;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys rotate, data servers learn the new ones from a heartbeat reply, and old tokens stay good until they expire. */
class BlockTokenIssuerTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final BlockTokenIssuer issuer = new BlockTokenIssuer(10_000, 60_000, now::get);
    final BlockTokens.Verifier verifier = new BlockTokens.Verifier();

    String check(BlockToken t, long blockId) {
        return verifier.refusal(t, blockId, EnumSet.of(t.access()), now.get());
    }

    @Test
    void rotatedKeysReachDataServersInTheirNextHeartbeat() {
        Reply.RegisterReply reg = (Reply.RegisterReply) issuer.attach(
                new DataServerRequest.Register("ds1", "h", 1, 1, 0, null), new Reply.RegisterReply("c", 1, 1));
        verifier.update(reg.blockKeys(), now.get());
        BlockToken before = issuer.issue(42, BlockToken.Access.READ);
        assertThat(check(before, 42)).isNull();
        Reply.HeartbeatReply quiet = (Reply.HeartbeatReply) issuer.attach(
                new DataServerRequest.Heartbeat("ds1", 1, 0, 1, 0, 0), new Reply.HeartbeatReply(List.of()));
        assertThat(quiet.commands()).isEmpty(); // nothing new to send

        now.addAndGet(61_000); // past the rotation interval
        BlockToken after = issuer.issue(42, BlockToken.Access.READ);
        assertThat(after.keyId()).isNotEqualTo(before.keyId());
        assertThat(check(after, 42)).contains("does not know");
        Reply.HeartbeatReply hb = (Reply.HeartbeatReply) issuer.attach(
                new DataServerRequest.Heartbeat("ds1", 1, 0, 1, 0, 0), new Reply.HeartbeatReply(List.of()));
        List<BlockKey> keys = hb.commands().stream().filter(c -> c instanceof Command.BlockKeys)
                .map(c -> ((Command.BlockKeys) c).keys()).findFirst().orElseThrow();
        verifier.update(keys, now.get());
        assertThat(check(after, 42)).isNull();
        assertThat(check(before, 42)).contains("expired"); // 10 s lifetime, 61 s later
        BlockToken oldKeyStillValid = new BlockTokenIssuer(10_000, 60_000, now::get).issue(1, BlockToken.Access.READ);
        assertThat(check(oldKeyStillValid, 1)).contains("does not know"); // another name server's key
    }

    @Test
    void copyCommandsCarryCopyTokensAndAllocationsWriteTokens() {
        var block = new io.jdfs.protocol.Block(7, 1, 10);
        Reply.HeartbeatReply hb = (Reply.HeartbeatReply) issuer.attach(new DataServerRequest.Heartbeat("ds2", 1, 0, 1, 0, 0),
                new Reply.HeartbeatReply(List.of(new Command.ReplicateBlock(block, List.of()))));
        Command.ReplicateBlock rb = (Command.ReplicateBlock) hb.commands().get(0);
        assertThat(rb.token().access()).isEqualTo(BlockToken.Access.COPY);
        assertThat(rb.token().blockId()).isEqualTo(7);
        Reply.LocatedBlockReply alloc = (Reply.LocatedBlockReply) issuer.attach(
                new ClientRequest.AddBlock("/f", 1, "c", 0, List.of()),
                new Reply.LocatedBlockReply(new io.jdfs.protocol.LocatedBlock(block, 0, List.of())));
        assertThat(alloc.block().token().access()).isEqualTo(BlockToken.Access.WRITE);
    }
}
