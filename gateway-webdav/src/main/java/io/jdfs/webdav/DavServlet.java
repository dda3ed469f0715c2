package io.jdfs.webdav;

import io.jdfs.protocol.InvalidPathException;
import io.jdfs.webdav.auth.Users;
import io.jdfs.webdav.milton.DfsResourceFactory;
import io.milton.http.HttpManager;
import io.milton.servlet.ServletRequest;
import io.milton.servlet.ServletResponse;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every WebDAV request enters here: authentication, path checks, then the gateway's own handlers
 * for data, namespace changes and locks; milton answers PROPFIND.
 */
final class DavServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(DavServlet.class);
    static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, MKCOL, COPY, MOVE, PROPFIND, PROPPATCH, LOCK, UNLOCK";

    private final Gateway gw;
    private final Users users;
    private final HttpManager milton;
    private final ReadHandler reads;
    private final WriteHandler writes;
    private final CopyMoveHandler copyMove;
    private final LockHandler lockHandler;
    private final PropPatchHandler propPatch;

    DavServlet(Gateway gw, Users users, HttpManager milton) {
        this.gw = gw;
        this.users = users;
        this.milton = milton;
        this.reads = new ReadHandler(gw);
        this.writes = new WriteHandler(gw);
        this.copyMove = new CopyMoveHandler(gw);
        this.lockHandler = new LockHandler(gw);
        this.propPatch = new PropPatchHandler(gw);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        try {
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
                case "OPTIONS" -> options(resp);
                case "GET", "HEAD" -> reads.handle(req, resp, path);
                case "PUT" -> writes.put(req, resp, path, guard);
                case "MKCOL" -> writes.mkcol(req, resp, path, guard);
                case "DELETE" -> writes.delete(req, resp, path, guard);
                case "COPY" -> copyMove.handle(req, resp, path, guard, false);
                case "MOVE" -> copyMove.handle(req, resp, path, guard, true);
                case "LOCK" -> lockHandler.lock(req, resp, path, guard, principal);
                case "UNLOCK" -> lockHandler.unlock(req, resp, path, principal);
                case "PROPPATCH" -> propPatch.handle(req, resp, path, guard);
                case "PROPFIND" -> propfind(req, resp, path);
                default -> {
                    resp.setHeader("Allow", ALLOW);
                    throw new DavStatusException(405, method + " is not supported");
                }
            }
        } catch (DavStatusException e) {
            fail(req, resp, e);
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

    private void propfind(HttpServletRequest req, HttpServletResponse resp, String path)
            throws DavStatusException, IOException {
        String depth = req.getHeader("Depth");
        if (depth == null || depth.equalsIgnoreCase("infinity")) {
            throw new DavStatusException(403, "PROPFIND with Depth: infinity is not served; use Depth 0 or 1",
                    "<D:propfind-finite-depth/>");
        }
        if (!depth.equals("0") && !depth.equals("1")) {
            throw new DavStatusException(400, "Depth must be 0 or 1");
        }
        byte[] body = req.getInputStream().readNBytes(Xml.MAX_BODY + 1);
        if (body.length > Xml.MAX_BODY) {
            throw new DavStatusException(413, "PROPFIND body over " + Xml.MAX_BODY + " bytes");
        }
        if (body.length > 0) {
            org.w3c.dom.Document doc = Xml.parse(new ByteArrayInputStream(body));
            if (doc == null || !"propfind".equals(doc.getDocumentElement().getLocalName())
                    || !"DAV:".equals(doc.getDocumentElement().getNamespaceURI())) {
                throw new DavStatusException(400, "PROPFIND body must be a DAV:propfind element");
            }
        }
        if (gw.stat(path) == null) {
            throw new DavStatusException(404, "no such file: " + path);
        }
        HttpServletRequest buffered = new BufferedBody(req, body);
        DfsResourceFactory.setCurrentPath(path);
        try {
            milton.process(new ServletRequest(buffered, getServletContext()), new ServletResponse(resp));
        } finally {
            DfsResourceFactory.setCurrentPath(null);
            // milton's own request thread-locals are package-private; each request overwrites them
        }
        resp.flushBuffer();
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

    /** Hands milton a body the gateway already read and checked. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener l) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
