package io.jdfs.shell.ops;

import io.jdfs.protocol.FileStatus;
import picocli.CommandLine.Option;

/** The one question of {@code test}, for the shell and {@code dfs client} alike (as {@code hdfs dfs -test}). */
public final class PathTest {
    @Option(names = "-e", description = "The path exists")
    boolean exists;
    @Option(names = "-d", description = "The path is a directory")
    boolean directory;
    @Option(names = "-f", description = "The path is a file")
    boolean file;
    @Option(names = "-s", description = "The path is a file of at least one byte")
    boolean nonEmpty;
    @Option(names = "-z", description = "The path is a file of zero bytes")
    boolean empty;

    /** The answer for a path's status (null: it does not exist). */
    public boolean holds(FileStatus st) {
        return st != null && (exists || (directory && st.isDirectory()) || (file && !st.isDirectory())
                || (nonEmpty && !st.isDirectory() && st.length() > 0) || (empty && !st.isDirectory() && st.length() == 0));
    }
}
