package io.jdfs.client;

/**
 * How to create a file. Zero for replication or block size means the cluster's default.
 */
public record CreateOptions(boolean overwrite, int replication, long blockSize, int mode) {
    public static CreateOptions defaults() {
        return new CreateOptions(false, 0, 0, 0644);
    }

    public static CreateOptions overwriting() {
        return new CreateOptions(true, 0, 0, 0644);
    }

    public CreateOptions withOverwrite(boolean o) {
        return new CreateOptions(o, replication, blockSize, mode);
    }

    public CreateOptions withReplication(int r) {
        return new CreateOptions(overwrite, r, blockSize, mode);
    }

    public CreateOptions withBlockSize(long b) {
        return new CreateOptions(overwrite, replication, b, mode);
    }

    public CreateOptions withMode(int m) {
        return new CreateOptions(overwrite, replication, blockSize, m);
    }
}
