package io.jdfs.protocol;

/**
 * A key that signs block tokens: made and rotated by the name server, handed to data servers when they
 * register and when it changes. Travels only on name server - data server connections.
 *
 * @param secret the key bytes, base64
 */
public record BlockKey(int id, long expiresMillis, String secret) {
    @Override
    public String toString() {
        return "BlockKey[" + id + " until " + java.time.Instant.ofEpochMilli(expiresMillis) + "]"; // never the secret
    }
}
