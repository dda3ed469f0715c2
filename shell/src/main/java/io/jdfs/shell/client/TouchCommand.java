package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code dfs client touch PATH...}: as touch(1) and {@code hdfs dfs -touch}. */
@Command(name = "touch", mixinStandardHelpOptions = true,
        description = "Create empty files, or set the modification and access times of existing ones to now.")
public final class TouchCommand extends ClientAction {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote paths")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        for (String p : paths) {
            touch(c, RemotePaths.normalize(p));
        }
        return 0;
    }

    public static void touch(DfsClient c, String path) throws IOException {
        FileStatus st = c.statOrNull(path);
        if (st == null) {
            DfsOutputStream out = c.create(path);
            out.close();
        } else {
            c.setTimes(path, io.jdfs.protocol.Protocol.UTIME_NOW, io.jdfs.protocol.Protocol.UTIME_NOW);
        }
    }
}
