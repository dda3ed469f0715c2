package io.jdfs.webdav;

import io.jdfs.protocol.InvalidPathException;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.Caller;
import io.jdfs.webdav.auth.Users;
import io.jdfs.webdav.props.XattrDeadProperties;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final Handlers anonymous;
    /** With a users file, each user's requests go to the name server as that user (uid, gid). */
    private final Map<String, Handlers> perUser = new ConcurrentHashMap<>();
    private final List<DfsClient> userClients = new CopyOnWriteArrayList<>();

    /** The request handlers over one gateway (one client identity); locks are shared by all. */
    private record Handlers(ReadHandler reads, WriteHandler writes, CopyMoveHandler copyMove, LockHandler lockHandler,
                            PropPatchHandler propPatch, PropFindHandler propFind) {
        static Handlers of(Gateway gw) {
            return new Handlers(new ReadHandler(gw), new WriteHandler(gw), new CopyMoveHandler(gw), new LockHandler(gw),
                    new PropPatchHandler(gw), new PropFindHandler(gw));
        }
    }

    DavServlet(Gateway gw, Users users) {
        this.gw = gw;
        this.users = users;
        this.anonymous = Handlers.of(gw);
    }

    private Handlers handlersFor(Users.User u) throws IOException {
        Handlers h = perUser.get(u.name());
        if (h != null) {
            return h;
        }
        synchronized (perUser) {
            h = perUser.get(u.name());
            if (h == null) {
                DfsClient c = gw.client().asCaller(new Caller(u.name(), u.uid(), u.gid(), List.of()));
                userClients.add(c);
                h = Handlers.of(new Gateway(c, gw.locks(), new XattrDeadProperties(c)));
                perUser.put(u.name(), h);
            }
            return h;
        }
    }

    @Override
    public void destroy() {
        for (DfsClient c : userClients) {
            c.close();
        }
        super.destroy();
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
            Handlers h = anonymous;
            if (users != null) {
                Users.User u = users.authenticate(req.getHeader("Authorization"));
                if (u == null) {
                    resp.setHeader("WWW-Authenticate", "Basic realm=\"JDFS\", charset=\"UTF-8\"");
                    throw new DavStatusException(401, "authentication required");
                }
                principal = u.name();
                h = handlersFor(u);
            }
            String path;
            try {
                path = DavPath.fromRawUri(req.getRequestURI());
            } catch (DavPath.BadPathException e) {
                throw new DavStatusException(400, e.getMessage());
            }
            LockGuard guard = new LockGuard(gw, req, principal);
            switch (method) {
                case "GET", "HEAD" -> h.reads().handle(req, resp, path);
                case "PUT" -> h.writes().put(req, resp, path, guard);
                case "MKCOL" -> h.writes().mkcol(req, resp, path, guard);
                case "DELETE" -> h.writes().delete(req, resp, path, guard);
                case "COPY" -> h.copyMove().handle(req, resp, path, guard, false);
                case "MOVE" -> h.copyMove().handle(req, resp, path, guard, true);
                case "LOCK" -> h.lockHandler().lock(req, resp, path, guard, principal);
                case "UNLOCK" -> h.lockHandler().unlock(req, resp, path, principal);
                case "PROPPATCH" -> h.propPatch().handle(req, resp, path, guard);
                case "PROPFIND" -> h.propFind().handle(req, resp, path);
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
