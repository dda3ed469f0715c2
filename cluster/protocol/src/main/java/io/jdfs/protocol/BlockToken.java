package io.jdfs.protocol;

/**
 * Permission to do one thing with one block until a time: issued by the name server with every block
 * location and allocation, signed (HMAC-SHA256) with a key it shares with the data servers, which
 * read, write or copy a block only for a valid token. Knowing a block id is not enough.
 *
 * @param keyId which of the name server's rotating keys signed it
 * @param mac   the signature, base64
 */
public record BlockToken(long blockId, Access access, long expiresMillis, int keyId, String mac) {
    public enum Access {
        /** Read the block (clients). */
        READ,
        /** Write the block down a pipeline (a writer; forwarded by each server to the next). */
        WRITE,
        /** Copy the block to another server (re-replication; the copy is written with it). */
        COPY
    }

    @Override
    public String toString() {
        return "BlockToken[" + access + " blk_" + blockId + " until " + java.time.Instant.ofEpochMilli(expiresMillis)
                + ", key " + keyId + "]"; // never the signature
    }
}
