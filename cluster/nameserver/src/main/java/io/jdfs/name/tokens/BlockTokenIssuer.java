package io.jdfs.name.tokens;

import io.jdfs.protocol.BlockKey;
import io.jdfs.protocol.BlockToken;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.rpc.BlockTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Block access tokens, as HDFS's: a new random key every {@code keyRotationMillis}, each valid long
 * enough to check every token it signed; a token per block and use with every location (READ), allocation
 * (WRITE: its writer may also read the block back) and copy command (COPY), valid for
 * {@code tokenLifetimeMillis}. Data servers get the keys
 * when they register and again after each rotation, in a heartbeat reply.
 */
public final class BlockTokenIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(BlockTokenIssuer.class);
    public static final long DEFAULT_TOKEN_LIFETIME_MILLIS = 10 * 60_000L;
    public static final long DEFAULT_KEY_ROTATION_MILLIS = 60 * 60_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long tokenLifetimeMillis;
    private final long keyRotationMillis;
    private final LongSupplier clock;
    private final List<BlockKey> keys = new ArrayList<>(); // newest last
    private int nextKeyId = RANDOM.nextInt(1 << 20);
    private long currentSince;
    private volatile int version;
    private final Map<String, Integer> versionSent = new ConcurrentHashMap<>();

    public BlockTokenIssuer(long tokenLifetimeMillis, long keyRotationMillis, LongSupplier clock) {
        this.tokenLifetimeMillis = tokenLifetimeMillis;
        this.keyRotationMillis = keyRotationMillis;
        this.clock = clock;
        rotate(clock.getAsLong());
    }

    public static BlockTokenIssuer withDefaults() {
        return new BlockTokenIssuer(DEFAULT_TOKEN_LIFETIME_MILLIS, DEFAULT_KEY_ROTATION_MILLIS, System::currentTimeMillis);
    }

    /** A token for {@code access} on {@code blockId}, valid for the token lifetime from now. */
    public BlockToken issue(long blockId, BlockToken.Access access) {
        return issue(blockId, access, clock.getAsLong() + tokenLifetimeMillis);
    }

    /** A token that expires at the given time (tests make expired ones). */
    public synchronized BlockToken issue(long blockId, BlockToken.Access access, long expiresMillis) {
        long now = clock.getAsLong();
        if (now - currentSince >= keyRotationMillis) {
            rotate(now);
        }
        return BlockTokens.sign(keys.get(keys.size() - 1), blockId, access, expiresMillis);
    }

    /** The keys data servers must know now. */
    public synchronized List<BlockKey> keys() {
        return List.copyOf(keys);
    }

    private void rotate(long now) {
        // a key checks tokens it signed until the last of them expires
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        keys.add(new BlockKey(nextKeyId++, now + keyRotationMillis + tokenLifetimeMillis + 60_000,
                Base64.getEncoder().encodeToString(secret)));
        keys.removeIf(k -> k.expiresMillis() < now);
        currentSince = now;
        version++;
        LOG.debug("block key {} in use; {} keys live", keys.get(keys.size() - 1).id(), keys.size());
    }

    /**
     * Adds tokens (and keys) to what the name server answers: locations carry READ tokens, allocations
     * WRITE tokens, copy commands COPY tokens; a registration gets the keys, and a heartbeat gets them
     * again when they changed since that server last got them.
     */
    public Message attach(Message request, Message reply) {
        if (reply instanceof Reply.BlockLocationsReply r && r.blocks() != null) {
            return new Reply.BlockLocationsReply(r.status(), withTokens(r.blocks(), BlockToken.Access.READ));
        }
        if (reply instanceof Reply.LocatedBlockReply r && r.block() != null) {
            // AddBlock, AllocateBlock, RecoverBlock: a block (or new generation) to write down a pipeline
            return new Reply.LocatedBlockReply(r.block().withToken(issue(r.block().block().id(),
                    BlockToken.Access.WRITE)));
        }
        if (reply instanceof Reply.CreatedReply r && r.block() != null) {
            return new Reply.CreatedReply(r.status(), r.block().withToken(issue(r.block().block().id(),
                    BlockToken.Access.WRITE)));
        }
        if (reply instanceof Reply.RegisterReply r && request instanceof DataServerRequest.Register reg) {
            List<BlockKey> current;
            int v;
            synchronized (this) {
                current = keys();
                v = version;
            }
            versionSent.put(reg.serverId(), v);
            return new Reply.RegisterReply(r.clusterId(), r.heartbeatIntervalMillis(), r.blockReportIntervalMillis(),
                    current);
        }
        if (reply instanceof Reply.HeartbeatReply r && request instanceof DataServerRequest.Heartbeat h) {
            List<Command> commands = new ArrayList<>(r.commands().size() + 1);
            for (Command c : r.commands()) {
                commands.add(c instanceof Command.ReplicateBlock rb
                        ? new Command.ReplicateBlock(rb.block(), rb.targets(), issue(rb.block().id(), BlockToken.Access.COPY))
                        : c);
            }
            synchronized (this) {
                if (clock.getAsLong() - currentSince >= keyRotationMillis) {
                    rotate(clock.getAsLong());
                }
                Integer sent = versionSent.get(h.serverId());
                if (sent != null && sent != version) {
                    commands.add(new Command.BlockKeys(keys()));
                    versionSent.put(h.serverId(), version);
                }
            }
            return new Reply.HeartbeatReply(commands);
        }
        return reply;
    }

    private List<LocatedBlock> withTokens(List<LocatedBlock> blocks, BlockToken.Access access) {
        List<LocatedBlock> out = new ArrayList<>(blocks.size());
        for (LocatedBlock b : blocks) {
            out.add(b.withToken(issue(b.block().id(), access)));
        }
        return out;
    }
}
