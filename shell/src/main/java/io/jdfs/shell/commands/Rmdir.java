package io.jdfs.shell.commands;

import io.jdfs.protocol.DirectoryNotEmptyException;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "rmdir", description = "Delete empty remote directories.")
public final class Rmdir extends Base {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Remote directories")
    List<String> dirs;

    @Override
    protected void run() throws IOException {
        for (String d : dirs) {
            String p = s.remote(d);
            FileStatus st = client().stat(p);
            if (!st.isDirectory()) {
                throw new OpException(p + ": not a directory");
            }
            if (p.equals("/")) {
                throw new OpException("refusing to delete the root directory");
            }
            try {
                client().delete(p, false);
            } catch (DirectoryNotEmptyException e) {
                throw new OpException(p + ": directory not empty");
            }
        }
    }
}
