package io.jdfs.shell.commands;

import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "lcd", description = "Change the local working directory (default: home).")
public final class Lcd extends Base {
    @Parameters(paramLabel = "LOCAL_DIR", arity = "0..1", description = "Local directory")
    String dir;

    @Override
    protected void run() throws OpException {
        s.lcd(Path.of(dir == null ? System.getProperty("user.home") : s.local(dir).toString()));
    }
}
