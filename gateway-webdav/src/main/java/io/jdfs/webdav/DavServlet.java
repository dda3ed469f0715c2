package io.jdfs.webdav;

import io.jdfs.protocol.InvalidPathException;
import io.jdfs.webdav.auth.Users;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every WebDAV request enters here: authentication, path checks, then the gateway's own handlers
 * for data, properties, namespace changes and locks.
 */
final class DavServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(DavServlet.class);
    static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, MKCOL, COPY, MOVE, PROPFIND, PROPPATCH, LOCK, UNLOCK";

    private final Gateway gw;
    private final Users users;
    private final ReadHandler reads;
    private final WriteHandler writes;
    private final CopyMoveHandler copyMove;
    private final LockHandler lockHandler;
    private final PropPatchHandler propPatch;
    private final PropFindHandler propFind;

    DavServlet(Gateway gw, Users users) {
        this.gw = gw;
        this.users = users;
        this.reads = new ReadHandler(gw);
        this.writes = new WriteHandler(gw);
        this.copyMove = new CopyMoveHandler(gw);
        this.lockHandler = new LockHandler(gw);
        this.propPatch = new PropPatchHandler(gw);
        this.propFind = new PropFindHandler(gw);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        try {
            if (method.equals("OPTIONS")) {
                // answered without credentials: Windows and Office probe with an anonymous OPTIONS
                // before they authenticate, and it reveals nothing about the namespace
                options(resp);
                return;
            }
            String principal = null;
            if (users != null) {
                Users.User u = users.authenticate(req.getHeader("Authorization"));
                if (u == null) {
                    resp.setHeader("WWW-Authenticate", "Basic realm=\"JDFS\", charset=\"UTF-8\"");
                    throw new DavStatusException(401, "authentication required");
                }
                principal = u.name();
            }
            String path;
            try {
                path = DavPath.fromRawUri(req.getRequestURI());
            } catch (DavPath.BadPathException e) {
                throw new DavStatusException(400, e.getMessage());
            }
            LockGuard guard = new LockGuard(gw, req, principal);
            switch (method) {
                case "GET", "HEAD" -> reads.handle(req, resp, path);
                case "PUT" -> writes.put(req, resp, path, guard);
                case "MKCOL" -> writes.mkcol(req, resp, path, guard);
                case "DELETE" -> writes.delete(req, resp, path, guard);
                case "COPY" -> copyMove.handle(req, resp, path, guard, false);
                case "MOVE" -> copyMove.handle(req, resp, path, guard, true);
                case "LOCK" -> lockHandler.lock(req, resp, path, guard, principal);
                case "UNLOCK" -> lockHandler.unlock(req, resp, path, principal);
                case "PROPPATCH" -> propPatch.handle(req, resp, path, guard);
                case "PROPFIND" -> propFind.handle(req, resp, path);
                default -> {
                    resp.setHeader("Allow", ALLOW);
                    throw new DavStatusException(405, method + " is not supported");
                }
            }
        } catch (DavStatusException e) {
            fail(req, resp, e);
        } catch (java.io.UncheckedIOException e) {
            log.debug("{} {} failed: {}", method, req.getRequestURI(), e.toString());
            fail(req, resp, DfsErrors.toStatus(e.getCause()));
        } catch (InvalidPathException e) {
            fail(req, resp, DfsErrors.toStatus(e));
        } catch (IOException e) {
            log.debug("{} {} failed: {}", method, req.getRequestURI(), e.toString());
            fail(req, resp, DfsErrors.toStatus(e));
        }
    }

    private void options(HttpServletResponse resp) {
        resp.setHeader("DAV", "1, 2");
        resp.setHeader("MS-Author-Via", "DAV");
        resp.setHeader("Allow", ALLOW);
        resp.setContentLength(0);
        resp.setStatus(200);
    }

    private static void fail(HttpServletRequest req, HttpServletResponse resp, DavStatusException e) throws IOException {
        if (resp.isCommitted()) {
            log.debug("{} {} failed after the answer started: {}", req.getMethod(), req.getRequestURI(), e.getMessage());
            return;
        }
        resp.setStatus(e.status());
        if (e.status() == 304 || req.getMethod().equals("HEAD")) {
            return;
        }
        byte[] b;
        if (e.xmlCondition() != null) {
            resp.setContentType("application/xml; charset=utf-8");
            b = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\">" + e.xmlCondition()
                    + "</D:error>").getBytes(StandardCharsets.UTF_8);
        } else {
            resp.setContentType("text/plain; charset=utf-8");
            b = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        }
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }
}
