package io.jdfs.cli;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.fuse.FuseGateway;
import io.jdfs.fuse.MountOptions;
import io.jdfs.fuse.Mounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dfs mount MOUNTPOINT [NAME_SERVER]}: the cluster as a local directory until Ctrl-C or unmount. */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = {"Mount the cluster at an empty local directory (FUSE) so every tool can use it: cp, rsync, tar,"
                + " find, du, df... Stays in the foreground; Ctrl-C (or SIGTERM, or fusermount -u MOUNTPOINT) commits"
                + " open files and unmounts. A killed process leaves no stale mount (auto_unmount)."})
final class MountCommand implements Callable<Integer>, SettingOptions.Configurable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MOUNTPOINT", description = "An existing, empty local directory")
    Path mountPoint;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME_SERVER",
            description = "Same as --nameserver")
    String nameServer;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.LoginOptions login = new io.jdfs.shell.client.LoginOptions();

    @Option(names = "--allow-other", description = "Let other local users in (root, or user_allow_other in /etc/fuse.conf)")
    boolean allowOther;

    @Option(names = {"-o", "--fuse-option"}, paramLabel = "OPT", split = ",",
            description = "Extra libfuse mount options, e.g. -o direct_io")
    List<String> fuseOptions;

    @Option(names = "--fuse-debug", description = "Trace every FUSE request on stderr (libfuse -d)")
    boolean fuseDebug;

    @Override
    public List<Setting<?>> settings() {
        return MountSettings.all();
    }

    @Override
    public Integer call() throws Exception {
        Settings s = Dfs.settings(spec);
        String ns = s.get(CommonSettings.NAME_SERVER, spec, nameServer, "NAME_SERVER");
        MountOptions o = MountOptions.defaults()
                .withRoot(s.get(MountSettings.ROOT, spec))
                .withAllowOther(allowOther)
                .withDebug(fuseDebug)
                .withExtra(fuseOptions == null ? List.of() : fuseOptions);
        o = o.withAttrTimeout(s.get(MountSettings.ATTR_TIMEOUT, spec));
        try {
            o = o.withWriteBackBytes(s.get(MountSettings.WRITE_BACK, spec));
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid write-back size: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        Mounter.checkMountPoint(mountPoint); // a bad mount point is reported before waiting on the cluster
        // with a users file the mount acts as its login user; the kernel already applied the calling process's umask
        DfsClient client = DfsClient.connect(ClientConfig.of(ns).withSecret(s.get(CommonSettings.SECRET, spec))
                .withTls(tls.settings(s::get)).withLogin(login.credentials(s::get)).withUmask(0));
        login.saveToken(s::get, client);
        FuseGateway gateway;
        try {
            gateway = FuseGateway.mount(client, mountPoint, o);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop(gateway, client);
            stopped.countDown();
        }, "jdfs-unmount");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Mounted " + o.root() + " of " + ns + " at " + gateway.mountPoint()
                + ". Press Ctrl-C to unmount.");
        out.flush();
        // also end when someone unmounts from outside (fusermount -u, umount)
        while (gateway.isMounted()) {
            if (stopped.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return 0;
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            stopped.await();
            return 0;
        }
        stop(gateway, client);
        out.println("Unmounted " + gateway.mountPoint() + ".");
        return 0;
    }

    private static void stop(FuseGateway gateway, DfsClient client) {
        try {
            gateway.close();
        } catch (Exception e) {
            System.err.println("dfs: " + Failures.describe(e));
        } finally {
            client.close();
        }
    }

}
