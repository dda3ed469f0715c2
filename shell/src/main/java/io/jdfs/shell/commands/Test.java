package io.jdfs.shell.commands;

import io.jdfs.protocol.FileStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "test", description = "Test a path (-e exists, -d directory, -f file); the answer is the exit status.")
public final class Test extends Base {
    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "-e", description = "The path exists")
        boolean exists;
        @Option(names = "-d", description = "The path is a directory")
        boolean directory;
        @Option(names = "-f", description = "The path is a file")
        boolean file;
    }

    @Parameters(paramLabel = "PATH", description = "Remote path")
    String path;

    @Override
    protected void run() throws IOException {
        FileStatus st = client().statOrNull(s.remote(path));
        boolean yes = st != null && (which.exists || (which.directory && st.isDirectory()) || (which.file && !st.isDirectory()));
        status = yes ? 0 : 1;
    }
}
