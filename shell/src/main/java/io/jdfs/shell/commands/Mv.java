package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.OpException;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

@Command(name = "mv", aliases = "rename", description = "Rename or move (atomically). With several sources, DST must be a directory.")
public final class Mv extends Base {
    @Option(names = {"-f", "--force"}, description = "Replace an existing file (or empty directory)")
    boolean force;

    @Parameters(paramLabel = "PATH", arity = "2..*", description = "SRC... DST (remote, globs allowed in SRC)")
    List<String> args;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        String last = args.get(args.size() - 1);
        String dst = s.remote(last);
        List<String> sources = new ArrayList<>();
        for (String a : args.subList(0, args.size() - 1)) {
            sources.addAll(Globs.remote(c, s.cwd(), a));
        }
        FileStatus d = c.statOrNull(dst);
        if (sources.size() > 1 && (d == null || !d.isDirectory())) {
            throw new OpException(dst + ": not a directory (moving several paths)");
        }
        for (String src : sources) {
            c.stat(src);
            FileOps.move(c, src, RemotePaths.into(c, dst, last.endsWith("/"), RemotePaths.name(src.equals("/") ? "/x" : src)), force);
        }
    }
}
