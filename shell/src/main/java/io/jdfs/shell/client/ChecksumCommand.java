package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code dfs client checksum PATH...}: the SHA-256 of each file's content, read end to end. It does not depend
 * on block size or replication, so it compares across clusters and with a local {@code sha256sum}.
 */
@Command(name = "checksum", mixinStandardHelpOptions = true,
        description = {"Print the SHA-256 of each file's content as sha256sum does (HEX  PATH).",
                "Independent of block size and replication: comparable across clusters and with a local sha256sum."})
public final class ChecksumCommand extends ClientAction {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote files")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        for (String p : paths) {
            String path = RemotePaths.normalize(p);
            FileOps.readableFile(c, path, " (checksum reads files)");
            out().println(sha256(c, path) + "  " + path);
        }
        return 0;
    }

    /** The SHA-256 of a remote file's bytes, in hex. */
    public static String sha256(DfsClient c, String path) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = c.open(path)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
