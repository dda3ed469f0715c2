package io.jdfs.shell.commands;

import org.jline.utils.InfoCmp;
import picocli.CommandLine.Command;

@Command(name = "clear", aliases = "cls", description = "Clear the screen.")
public final class Clear extends Base {
    @Override
    protected void run() {
        if (s.terminal() != null && s.terminal().puts(InfoCmp.Capability.clear_screen)) {
            s.terminal().flush();
        }
    }
}
