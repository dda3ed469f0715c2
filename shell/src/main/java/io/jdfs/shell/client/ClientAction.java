package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A one-shot {@code dfs client} command: connects, runs, closes; its return value is the exit status. */
abstract class ClientAction implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws IOException {
        try (DfsClient c = client.connect()) {
            return run(c);
        }
    }

    protected abstract int run(DfsClient c) throws IOException;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
