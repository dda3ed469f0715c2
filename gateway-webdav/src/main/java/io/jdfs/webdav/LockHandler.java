package io.jdfs.webdav;

import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.lock.DavLock;
import io.jdfs.webdav.lock.LockManager;
import io.jdfs.webdav.lock.LockXml;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** LOCK (new, refresh, on unmapped URLs) and UNLOCK: class 2, which milton CE lacks. */
final class LockHandler {
    private static final String DAV = "DAV:";
    private final Gateway gw;

    LockHandler(Gateway gw) {
        this.gw = gw;
    }

    void lock(HttpServletRequest req, HttpServletResponse resp, String path, LockGuard guard, String principal)
            throws DavStatusException, IOException {
        Document body = Xml.parse(req);
        long timeout = timeout(req.getHeader("Timeout"));
        LockManager locks = gw.locks();
        if (body == null) {
            refresh(req, resp, path, guard, timeout);
            return;
        }
        Element info = body.getDocumentElement();
        if (!DAV.equals(info.getNamespaceURI()) || !"lockinfo".equals(info.getLocalName())) {
            throw new DavStatusException(400, "LOCK body must be a DAV:lockinfo element");
        }
        Element scope = child(info, "lockscope");
        Element type = child(info, "locktype");
        if (scope == null || type == null || child(type, "write") == null) {
            throw new DavStatusException(400, "lockinfo needs lockscope and a write locktype");
        }
        boolean exclusive = child(scope, "exclusive") != null;
        if (!exclusive && child(scope, "shared") == null) {
            throw new DavStatusException(400, "lockscope must be exclusive or shared");
        }
        Element owner = child(info, "owner");
        String depth = req.getHeader("Depth");
        boolean infinite = depth == null || depth.equalsIgnoreCase("infinity");
        if (!infinite && !depth.equals("0")) {
            throw new DavStatusException(400, "LOCK Depth must be 0 or infinity");
        }
        FileStatus st = gw.stat(path);
        if (st == null) {
            new WriteHandler(gw).requireParentCollection(path);
        }
        guard.checkIf(path);
        // a new lock on a member of a locked collection only needs the lock itself not to conflict
        DavLock granted;
        try {
            granted = locks.lock(path, infinite && (st == null || st.isDirectory()), exclusive,
                    owner == null ? null : serialize(owner), principal, timeout);
        } catch (LockManager.ConflictException e) {
            throw new DavStatusException(423, "already locked: " + e.holder().root(),
                    "<D:no-conflicting-lock><D:href>" + Xml.escape(DavPath.encode(e.holder().root()))
                            + "</D:href></D:no-conflicting-lock>");
        }
        boolean created = false;
        if (st == null) {
            try {
                gw.client().create(path).close(); // RFC 4918 7.3: LOCK on an unmapped URL makes an empty resource
                created = true;
            } catch (IOException e) {
                locks.unlock(granted.token(), path);
                throw DfsErrors.toStatus(e);
            }
        }
        resp.setHeader("Lock-Token", "<" + granted.token() + ">");
        send(resp, created ? 201 : 200, List.of(granted));
    }

    private void refresh(HttpServletRequest req, HttpServletResponse resp, String path, LockGuard guard, long timeout)
            throws DavStatusException, IOException {
        if (guard.ifHeader() == null) {
            throw new DavStatusException(400, "LOCK without a body is a refresh and needs an If header with the token");
        }
        guard.checkIf(path);
        DavLock refreshed = null;
        for (String token : guard.submittedTokens()) {
            DavLock r = gw.locks().refresh(token, path, timeout);
            if (r != null) {
                refreshed = r;
            }
        }
        if (refreshed == null) {
            throw new DavStatusException(412, "no submitted lock token covers " + path,
                    "<D:lock-token-matches-request-uri/>");
        }
        send(resp, 200, List.of(refreshed));
    }

    void unlock(HttpServletRequest req, HttpServletResponse resp, String path, String principal)
            throws DavStatusException {
        String header = req.getHeader("Lock-Token");
        if (header == null || header.isBlank()) {
            throw new DavStatusException(400, "UNLOCK needs a Lock-Token header");
        }
        String token = header.trim();
        if (token.startsWith("<") && token.endsWith(">")) {
            token = token.substring(1, token.length() - 1);
        }
        DavLock l = gw.locks().byToken(token);
        if (l == null || !l.covers(path)) {
            throw new DavStatusException(409, "lock token does not match " + path, "<D:lock-token-matches-request-uri/>");
        }
        if (l.principal() != null && !l.principal().equals(principal)) {
            throw new DavStatusException(403, "only the lock's owner may unlock it");
        }
        gw.locks().unlock(token, path);
        resp.setStatus(204);
    }

    private void send(HttpServletResponse resp, int status, List<DavLock> locks) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/xml; charset=utf-8");
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:prop xmlns:D=\"DAV:\"><D:lockdiscovery>"
                + LockXml.discovery(locks, gw.locks().now(), DavPath::encode) + "</D:lockdiscovery></D:prop>";
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    static long timeout(String header) {
        if (header == null) {
            return LockManager.DEFAULT_TIMEOUT_SECONDS;
        }
        for (String part : header.split(",")) {
            String t = part.trim();
            if (t.equalsIgnoreCase("Infinite")) {
                return -1;
            }
            if (t.regionMatches(true, 0, "Second-", 0, 7)) {
                try {
                    return Long.parseLong(t.substring(7));
                } catch (NumberFormatException ignored) {
                    // try the next one
                }
            }
        }
        return LockManager.DEFAULT_TIMEOUT_SECONDS;
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && DAV.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String serialize(Element e) throws DavStatusException {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(e), new StreamResult(w));
            return w.toString();
        } catch (TransformerException ex) {
            throw new DavStatusException(400, "unreadable lock owner: " + ex.getMessage());
        }
    }
}
