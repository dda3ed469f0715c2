package io.jdfs.shell.commands;

import picocli.CommandLine.Command;

/** The shell's commands: the root of the picocli command tree the REPL parses each line with. */
@Command(name = "", subcommands = {Ls.class, Cd.class, Pwd.class, Lcd.class, Lls.class, Lpwd.class, Get.class,
        Put.class, Mget.class, Mput.class, Cat.class, Head.class, Tail.class, Mkdir.class, Rm.class, Rmdir.class,
        Mv.class, Cp.class, Stat.class, Du.class, Df.class, Tree.class, Find.class, Status.class, Servers.class,
        Fsck.class, Setrep.class, Touch.class, Test.class, Count.class, Checksum.class,
        Chmod.class, Chown.class, Chgrp.class, Ln.class, Readlink.class, Truncate.class, Append.class, Xattr.class,
        Clear.class, Open.class, Close.class, Help.class, History.class, Exit.class})
public final class Commands {
}
