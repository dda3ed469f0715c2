package io.jdfs.local.junit;

import io.jdfs.client.DfsClient;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/** Test contents: reproducible random bytes, their digest, and a whole file read back. */
public final class TestData {
    private TestData() {
    }

    /** {@code n} random bytes, the same for the same seed. */
    public static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The SHA-256 of {@code b}: compares large contents without holding two copies in a failure message. */
    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The whole file at {@code path}, read through the client's stream. */
    public static byte[] readAll(DfsClient client, String path) throws IOException {
        try (InputStream in = client.open(path)) {
            return in.readAllBytes();
        }
    }
}
