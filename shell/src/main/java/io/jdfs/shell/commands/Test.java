package io.jdfs.shell.commands;

import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.PathTest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "test", description = "Test a path (-e exists, -d directory, -f file, -s non-empty file, -z empty file); the answer is the exit status.")
public final class Test extends Base {
    @ArgGroup(multiplicity = "1")
    PathTest which;

    @Parameters(paramLabel = "PATH", description = "Remote path")
    String path;

    @Override
    protected void run() throws IOException {
        FileStatus st = client().statOrNull(s.remote(path));
        boolean yes = which.holds(st);
        status = yes ? 0 : 1;
    }
}
