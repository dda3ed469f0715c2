package io.jdfs.webdav;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.FileStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/** PUT (streamed straight into the cluster), MKCOL and DELETE. */
final class WriteHandler {
    private static final int CHUNK = 256 * 1024;
    private final Gateway gw;

    WriteHandler(Gateway gw) {
        this.gw = gw;
    }

    void put(HttpServletRequest req, HttpServletResponse resp, String path, LockGuard guard)
            throws DavStatusException, IOException {
        if (req.getHeader("Content-Range") != null) {
            throw new DavStatusException(400, "partial PUT (Content-Range) is not supported: a PUT replaces the whole file");
        }
        FileStatus st = gw.stat(path);
        if (st != null && st.isDirectory()) {
            throw new DavStatusException(405, "cannot PUT onto a collection: " + path);
        }
        requireParentCollection(path);
        Conditionals.check(req, st);
        guard.checkIf(path);
        guard.checkWrite(path, false, st == null);
        DfsOutputStream out;
        try {
            out = gw.client().createAtomically(path, CreateOptions.overwriting()); // appears only when whole
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
        boolean done = false;
        try (InputStream in = req.getInputStream()) {
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
        String ocMtime = req.getHeader("X-OC-Mtime");
        if (ocMtime != null) {
            try {
                long sec = Long.parseLong(ocMtime.trim());
                gw.client().setTimes(path, sec * 1_000_000_000L, -1);
                resp.setHeader("X-OC-MTime", "accepted");
            } catch (NumberFormatException ignored) {
                // a malformed hint is not worth failing an upload that already succeeded
            }
        }
        FileStatus now = gw.stat(path);
        if (now != null) {
            resp.setHeader("ETag", ETags.of(now));
        }
        resp.setStatus(st == null ? 201 : 204);
    }

    void mkcol(HttpServletRequest req, HttpServletResponse resp, String path, LockGuard guard)
            throws DavStatusException, IOException {
        if (req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null) {
            throw new DavStatusException(415, "MKCOL with a body is not supported");
        }
        if (gw.stat(path) != null) {
            throw new DavStatusException(405, "already exists: " + path);
        }
        requireParentCollection(path);
        guard.checkIf(path);
        guard.checkWrite(path, false, true);
        try {
            gw.client().mkdirs(path);
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
        resp.setStatus(201);
    }

    void delete(HttpServletRequest req, HttpServletResponse resp, String path, LockGuard guard)
            throws DavStatusException {
        FileStatus st = gw.stat(path);
        if (st == null) {
            throw new DavStatusException(404, "no such file: " + path);
        }
        if (path.equals("/")) {
            throw new DavStatusException(403, "the root cannot be deleted");
        }
        String depth = req.getHeader("Depth");
        if (st.isDirectory() && depth != null && !depth.equalsIgnoreCase("infinity")) {
            throw new DavStatusException(400, "DELETE of a collection needs Depth: infinity");
        }
        Conditionals.check(req, st);
        guard.checkIf(path);
        guard.checkWrite(path, true, true);
        try {
            gw.client().delete(path, true);
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
        gw.locks().removeTree(path);
        gw.deadProperties().removeTree(path);
        resp.setStatus(204);
    }

    void requireParentCollection(String path) throws DavStatusException {
        if (path.equals("/")) {
            return;
        }
        FileStatus parent = gw.stat(DavPath.parent(path));
        if (parent == null || !parent.isDirectory()) {
            throw new DavStatusException(409, "parent collection does not exist: " + DavPath.parent(path));
        }
    }
}
