package io.jdfs.webdav;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.FileStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Iterator;

/** COPY and MOVE with Destination, Overwrite and Depth (RFC 4918 sections 9.8 and 9.9). */
final class CopyMoveHandler {
    private static final int CHUNK = 256 * 1024;
    private final Gateway gw;

    CopyMoveHandler(Gateway gw) {
        this.gw = gw;
    }

    void handle(HttpServletRequest req, HttpServletResponse resp, String src, LockGuard guard, boolean move)
            throws DavStatusException, IOException {
        String host = req.getHeader("Host");
        String dst;
        try {
            dst = DavPath.fromDestination(req.getHeader("Destination"), host);
        } catch (DavPath.BadPathException e) {
            int status = e.getMessage().startsWith("Destination on another server") ? 502 : 400;
            throw new DavStatusException(status, e.getMessage());
        }
        FileStatus st = gw.stat(src);
        if (st == null) {
            throw new DavStatusException(404, "no such file: " + src);
        }
        if (src.equals(dst)) {
            throw new DavStatusException(403, "source and destination are the same");
        }
        if (st.isDirectory() && DavPath.isSelfOrBelow(dst, src)) {
            throw new DavStatusException(403, "cannot " + (move ? "move" : "copy") + " a collection into itself");
        }
        String depth = req.getHeader("Depth");
        boolean shallow = false;
        if (depth != null) {
            if (depth.equals("0") && !move) {
                shallow = true;
            } else if (!depth.equalsIgnoreCase("infinity")) {
                throw new DavStatusException(400, "Depth must be 0 or infinity for COPY, infinity for MOVE");
            }
        }
        String ow = req.getHeader("Overwrite");
        boolean overwrite = ow == null || ow.trim().equalsIgnoreCase("T");
        FileStatus parent = gw.stat(DavPath.parent(dst));
        if (parent == null || !parent.isDirectory()) {
            throw new DavStatusException(409, "destination's parent collection does not exist");
        }
        FileStatus existing = gw.stat(dst);
        if (existing != null && !overwrite) {
            throw new DavStatusException(412, "destination exists and Overwrite is F");
        }
        Conditionals.check(req, st);
        guard.checkIf(src);
        if (move) {
            guard.checkWrite(src, true, true);
        }
        guard.checkWrite(dst, existing != null, true);
        try {
            if (existing != null) {
                gw.client().delete(dst, true);
                gw.locks().removeTree(dst);
                gw.deadProperties().removeTree(dst);
            }
            if (move) {
                gw.client().rename(src, dst, false);
                gw.locks().removeTree(src);
                gw.deadProperties().moveTree(src, dst);
            } else {
                copyTree(st, src, dst, shallow);
                if (shallow) {
                    gw.deadProperties().get(src).forEach((k, v) -> gw.deadProperties().set(dst, k, v));
                } else {
                    gw.deadProperties().copyTree(src, dst);
                }
            }
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
        resp.setStatus(existing != null ? 204 : 201);
    }

    private void copyTree(FileStatus st, String src, String dst, boolean shallow) throws IOException {
        if (st.isDirectory()) {
            gw.client().mkdirs(dst, st.mode() & 07777);
            if (shallow) {
                return;
            }
            Iterator<FileStatus> it = gw.client().listIterator(src);
            while (it.hasNext()) {
                FileStatus c = it.next();
                copyTree(c, DavPath.child(src, c.name()), DavPath.child(dst, c.name()), false);
            }
        } else {
            copyFile(src, dst, st);
        }
    }

    private void copyFile(String src, String dst, FileStatus st) throws IOException {
        try (DfsInputStream in = gw.client().open(src)) {
            DfsOutputStream out = gw.client().createAtomically(dst, CreateOptions.overwriting().withMode(st.mode() & 07777));
            boolean done = false;
            try {
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
                out.close();
                done = true;
            } finally {
                if (!done) {
                    out.abort();
                }
            }
        }
    }
}
