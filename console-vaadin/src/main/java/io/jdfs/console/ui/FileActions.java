package io.jdfs.console.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import io.jdfs.console.ConsoleBackend;
import io.jdfs.protocol.FileStatus;

/** The changes the file browser makes, each behind a dialog; the listing is read again after each. */
final class FileActions {
    private final ConsoleBackend backend;
    private final Runnable reload;

    FileActions(ConsoleBackend backend, Runnable reload) {
        this.backend = backend;
        this.reload = reload;
    }

    void mkdir(String dir) {
        Prompt.ask("New folder in " + dir, "Name", "", "Create", name -> {
            String path = DfsPaths.child(dir, DfsPaths.safeName(name));
            backend.client().mkdirs(path);
            Audit.log("mkdir " + path);
            Notices.done("created " + path);
            reload.run();
        });
    }

    void rename(FileStatus f) {
        Prompt.ask("Rename " + f.path(), "New name, or an absolute path to move it", f.name(), "Rename", value -> {
            String v = value.strip();
            String target = v.startsWith("/") ? v : DfsPaths.child(DfsPaths.parent(f.path()), DfsPaths.safeName(v));
            backend.client().rename(f.path(), target, false);
            Audit.log("rename " + f.path() + " -> " + target);
            Notices.done("renamed to " + target);
            reload.run();
        });
    }

    void chmod(FileStatus f) {
        Prompt.ask("Mode of " + f.path(), "Octal mode (e.g. 644, 755)", Integer.toOctalString(f.mode() & 07777),
                "Set", value -> {
                    int mode = Format.parseMode(value);
                    backend.client().setMode(f.path(), mode);
                    Audit.log("chmod " + Integer.toOctalString(mode) + " " + f.path());
                    Notices.done(f.path() + " is now " + Format.mode(mode, f.isDirectory()));
                    reload.run();
                });
    }

    /** Numbers, not names: the console's host need not know the users of the machines that mount the cluster. */
    void chown(FileStatus f) {
        Prompt.ask("Owner of " + f.path(), "UID:GID, or a UID alone to keep the group", f.uid() + ":" + f.gid(),
                "Set", value -> {
                    int[] owner = parseOwner(value, f.gid());
                    backend.client().setOwner(f.path(), owner[0], owner[1], false);
                    Audit.log("chown " + owner[0] + ":" + owner[1] + " " + f.path());
                    Notices.done(f.path() + " now belongs to " + owner[0] + ":" + owner[1]);
                    reload.run();
                });
    }

    /** "uid:gid" or "uid" (then {@code gid} stays), both non-negative numbers. */
    static int[] parseOwner(String value, int gid) {
        String v = value.strip();
        int colon = v.indexOf(':');
        try {
            int u = Integer.parseInt(colon < 0 ? v : v.substring(0, colon).strip());
            int g = colon < 0 ? gid : Integer.parseInt(v.substring(colon + 1).strip());
            if (u < 0 || g < 0) {
                throw new NumberFormatException();
            }
            return new int[] {u, g};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not UID:GID (two numbers, e.g. 1000:1000)");
        }
    }

    void replication(FileStatus f) {
        String what = f.isDirectory() ? "every file below " + f.path() : f.path();
        Prompt.ask("Replication of " + what, "Copies of each block (1-16)", f.isDirectory() ? "" : String.valueOf(f.replication()),
                "Set", value -> {
                    int r;
                    try {
                        r = Integer.parseInt(value.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + value + "' is not a number");
                    }
                    if (r < 1 || r > 16) {
                        throw new IllegalArgumentException("replication must be between 1 and 16");
                    }
                    backend.client().setReplication(f.path(), r);
                    Audit.log("replication " + r + " " + f.path());
                    Notices.done(what + ": " + r + " copies; the cluster adds or removes replicas in the background");
                    reload.run();
                });
    }

    void delete(FileStatus f) {
        ConfirmDialog d = new ConfirmDialog();
        d.setId("delete-confirm");
        d.setHeader("Delete " + f.path() + "?");
        d.setText(f.isDirectory() ? "The directory and everything in it are deleted. This cannot be undone."
                : "The file and its blocks are deleted. This cannot be undone.");
        d.setCancelable(true);
        d.setConfirmText("Delete");
        d.setConfirmButtonTheme("error primary");
        d.addConfirmListener(e -> {
            try {
                backend.client().delete(f.path(), true);
                Audit.log("delete " + f.path());
                Notices.done("deleted " + f.path());
            } catch (Exception ex) {
                Notices.failed("cannot delete " + f.path(), ex);
            }
            reload.run();
        });
        d.open();
    }
}
