package io.jdfs.cli;

import io.jdfs.client.DfsClient;

import java.io.IOException;

/** Remote path arguments of the one-shot commands: the shell's rules (io.jdfs.shell.ops.RemotePaths), taken from the root. */
final class RemotePaths {
    private RemotePaths() {
    }

    static String normalize(String path) {
        return io.jdfs.shell.ops.RemotePaths.normalize(path);
    }

    static String child(String dir, String name) {
        return io.jdfs.shell.ops.RemotePaths.child(dir, name);
    }

    static String name(String path) {
        return io.jdfs.shell.ops.RemotePaths.name(path);
    }

    /** Where {@code name} lands when copied or moved to {@code target} (null: the root). */
    static String into(DfsClient client, String target, String name) throws IOException {
        return io.jdfs.shell.ops.RemotePaths.into(client, target, name);
    }
}
