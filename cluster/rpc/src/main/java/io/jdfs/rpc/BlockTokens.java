package io.jdfs.rpc;

import io.jdfs.protocol.BlockKey;
import io.jdfs.protocol.BlockToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Signing and checking block access tokens: HMAC-SHA256 over block id, access, expiry and key id. */
public final class BlockTokens {
    private BlockTokens() {
    }

    public static BlockToken sign(BlockKey key, long blockId, BlockToken.Access access, long expiresMillis) {
        return new BlockToken(blockId, access, expiresMillis, key.id(), mac(key, blockId, access, expiresMillis));
    }

    static String mac(BlockKey key, long blockId, BlockToken.Access access, long expiresMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.secret()), "HmacSHA256"));
            ByteBuffer b = ByteBuffer.allocate(8 + 8 + 4 + 8);
            b.putLong(blockId).putLong(expiresMillis).putInt(key.id()).putLong(access.ordinal());
            mac.update(b.array());
            mac.update(access.name().getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The keys a data server knows (from the name server), and the check of a token against them. */
    public static final class Verifier {
        private final Map<Integer, BlockKey> keys = new ConcurrentHashMap<>();
        private volatile boolean enabled;

        /** Learns the name server's current keys (at registration and on each rotation); drops expired ones. */
        public void update(List<BlockKey> current, long nowMillis) {
            if (current == null) {
                return;
            }
            for (BlockKey k : current) {
                keys.put(k.id(), k);
            }
            keys.values().removeIf(k -> k.expiresMillis() < nowMillis);
            enabled = true;
        }

        /** True once the name server handed keys: from then on every transfer needs a token. */
        public boolean enabled() {
            return enabled;
        }

        /**
         * Why {@code token} does not allow one of {@code allowed} on {@code blockId} now, or null when it does.
         * Before any key arrived (not yet registered) nothing is allowed.
         */
        public String refusal(BlockToken token, long blockId, Set<BlockToken.Access> allowed, long nowMillis) {
            if (token == null) {
                return "no block access token for block " + blockId + ": ask the name server for the block's"
                        + " locations, which carry one";
            }
            if (token.blockId() != blockId) {
                return "the block access token is for block " + token.blockId() + ", not " + blockId;
            }
            if (token.access() == null || !allowed.contains(token.access())) {
                return "a " + token.access() + " token does not allow " + allowed + " on block " + blockId;
            }
            if (token.expiresMillis() < nowMillis) {
                return "the block access token for block " + blockId + " expired at "
                        + java.time.Instant.ofEpochMilli(token.expiresMillis()) + ": ask the name server again";
            }
            BlockKey key = keys.get(token.keyId());
            if (key == null) {
                return enabled ? "the block access token for block " + blockId + " was signed with key "
                        + token.keyId() + ", which this data server does not know (expired, or another name server)"
                        : "this data server has no block keys yet (not registered with the name server)";
            }
            String expected = mac(key, token.blockId(), token.access(), token.expiresMillis());
            if (token.mac() == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    token.mac().getBytes(StandardCharsets.US_ASCII))) {
                return "the block access token for block " + blockId + " has a bad signature (forged or altered)";
            }
            return null;
        }
    }
}
