package io.jdfs.webdav;

import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.lock.LockXml;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PROPFIND at depth 0 or 1 (infinity is refused with propfind-finite-depth), for allprop,
 * propname and named properties. The multistatus is streamed as the listing pages arrive, so a
 * directory of any size is answered in constant memory.
 */
final class PropFindHandler {
    private static final String DAV = "DAV:";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final List<String> ALLPROP = List.of("creationdate", "displayname", "getcontentlength",
            "getcontenttype", "getetag", "getlastmodified", "resourcetype", "lockdiscovery", "supportedlock");
    private static final List<String> QUOTA = List.of("quota-available-bytes", "quota-used-bytes");

    private enum Mode { ALLPROP, PROPNAME, PROP }

    private final Gateway gw;
    private final QuotaCache quota;

    PropFindHandler(Gateway gw) {
        this.gw = gw;
        this.quota = new QuotaCache(gw.client());
    }

    void handle(HttpServletRequest req, HttpServletResponse resp, String path) throws DavStatusException, IOException {
        String depth = req.getHeader("Depth");
        if (depth == null || depth.equalsIgnoreCase("infinity")) {
            throw new DavStatusException(403, "PROPFIND with Depth: infinity is not served; use Depth 0 or 1",
                    "<D:propfind-finite-depth/>");
        }
        if (!depth.equals("0") && !depth.equals("1")) {
            throw new DavStatusException(400, "Depth must be 0 or 1");
        }
        Mode mode = Mode.ALLPROP;
        List<QName> wanted = new ArrayList<>();
        Document doc = Xml.parse(req);
        if (doc != null) {
            Element root = doc.getDocumentElement();
            if (!isDav(root, "propfind")) {
                throw new DavStatusException(400, "PROPFIND body must be a DAV:propfind element");
            }
            Element first = firstChild(root);
            if (first == null) {
                throw new DavStatusException(400, "empty propfind element");
            } else if (isDav(first, "propname")) {
                mode = Mode.PROPNAME;
            } else if (isDav(first, "prop")) {
                mode = Mode.PROP;
                for (Node n = first.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        wanted.add(new QName(e.getNamespaceURI() == null ? "" : e.getNamespaceURI(), e.getLocalName()));
                    }
                }
            } else if (!isDav(first, "allprop")) {
                throw new DavStatusException(400, "propfind must hold allprop, propname or prop");
            }
        }
        FileStatus st = gw.stat(path);
        if (st == null) {
            throw new DavStatusException(404, "no such file: " + path);
        }
        Iterator<FileStatus> children = null;
        if (depth.equals("1") && st.isDirectory()) {
            children = gw.client().listIterator(path);
        }
        resp.setStatus(207);
        resp.setContentType("application/xml; charset=utf-8");
        Writer w = new BufferedWriter(new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">");
        response(w, st, mode, wanted);
        if (children != null) {
            while (children.hasNext()) {
                FileStatus child = listedAs(children.next());
                if (child != null) {
                    response(w, child, mode, wanted);
                }
            }
        }
        w.write("</D:multistatus>\n");
        w.flush();
    }

    /**
     * What a listing says of an entry. GET follows a symbolic link, so a link is described as its target (as
     * depth 0 does), or clients copy the link's own size and then refuse the body as corrupt. A link whose
     * target cannot be described (dangling, looping, not allowed) is left out, as GET would answer it with an
     * error: one such link must not fail the listing of its whole directory.
     */
    private FileStatus listedAs(FileStatus child) {
        if (!child.isSymlink()) {
            return child;
        }
        try {
            return gw.stat(child.path());
        } catch (DavStatusException e) {
            return null;
        }
    }

    private void response(Writer w, FileStatus st, Mode mode, List<QName> wanted) throws IOException {
        String href = DavPath.encode(st.path()) + (st.isDirectory() && !st.path().equals("/") ? "/" : "");
        w.write("<D:response><D:href>");
        w.write(Xml.escape(href));
        w.write("</D:href>");
        // dead properties are extended attributes: ask only for entries that have some (one call each)
        Map<QName, String> dead = st.hasXattrs() ? gw.deadProperties().get(st.path()) : Map.of();
        StringBuilder found = new StringBuilder();
        StringBuilder missing = new StringBuilder();
        if (mode == Mode.PROPNAME) {
            for (String name : ALLPROP) {
                if (live(st, name) != null) {
                    found.append("<D:").append(name).append("/>");
                }
            }
            for (QName q : dead.keySet()) {
                found.append(open(q)).append(close(q, true));
            }
        } else if (mode == Mode.ALLPROP) {
            for (String name : ALLPROP) {
                String v = live(st, name);
                if (v != null) {
                    found.append(element(new QName(DAV, name), v));
                }
            }
            dead.forEach((q, v) -> found.append(element(q, v)));
        } else {
            for (QName q : wanted) {
                String v = DAV.equals(q.getNamespaceURI()) ? live(st, q.getLocalPart()) : null;
                if (v == null) {
                    v = dead.get(q);
                }
                if (v != null) {
                    found.append(element(q, v));
                } else {
                    missing.append(open(q)).append(close(q, true));
                }
            }
        }
        if (found.length() > 0 || missing.length() == 0) {
            w.write("<D:propstat><D:prop>");
            w.write(found.toString());
            w.write("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
        }
        if (missing.length() > 0) {
            w.write("<D:propstat><D:prop>");
            w.write(missing.toString());
            w.write("</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>");
        }
        w.write("</D:response>\n");
    }

    /** The XML content of a live property, or null when the resource has no such property. */
    private String live(FileStatus st, String name) {
        return switch (name) {
            case "creationdate" -> DateTimeFormatter.ISO_INSTANT.format(
                    Instant.ofEpochMilli(st.ctimeNanos() / 1_000_000).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            case "displayname" -> Xml.escape(st.path().equals("/") ? "/" : st.name());
            case "getcontentlength" -> st.isDirectory() ? null : Long.toString(st.length());
            case "getcontenttype" -> st.isDirectory() ? null : Xml.escape(MimeTypes.of(st.path()));
            case "getetag" -> Xml.escape(ETags.of(st));
            case "getlastmodified" -> HTTP_DATE.format(Instant.ofEpochMilli(st.mtimeNanos() / 1_000_000));
            case "resourcetype" -> st.isDirectory() ? "<D:collection/>" : "";
            case "lockdiscovery" -> LockXml.discovery(gw.locks().covering(st.path()), gw.locks().now(), DavPath::encode);
            case "supportedlock" -> LockXml.SUPPORTED;
            case "quota-available-bytes" -> st.isDirectory() ? numberOrNull(quota.available()) : null;
            case "quota-used-bytes" -> st.isDirectory() ? numberOrNull(quota.used()) : null;
            default -> null;
        };
    }

    static boolean isQuota(String name) {
        return QUOTA.contains(name);
    }

    private static String numberOrNull(Long v) {
        return v == null ? null : Long.toString(v);
    }

    private static String element(QName q, String content) {
        if (content.isEmpty()) {
            return open(q) + close(q, true);
        }
        return open(q) + ">" + content + close(q, false);
    }

    private static String open(QName q) {
        String ns = q.getNamespaceURI();
        if (DAV.equals(ns)) {
            return "<D:" + q.getLocalPart();
        }
        if (ns.isEmpty()) {
            return "<" + q.getLocalPart() + " xmlns=\"\"";
        }
        return "<X:" + q.getLocalPart() + " xmlns:X=\"" + Xml.escape(ns) + "\"";
    }

    private static String close(QName q, boolean empty) {
        if (empty) {
            return "/>";
        }
        String ns = q.getNamespaceURI();
        String prefix = DAV.equals(ns) ? "D:" : ns.isEmpty() ? "" : "X:";
        return "</" + prefix + q.getLocalPart() + ">";
    }

    private static boolean isDav(Element e, String local) {
        return DAV.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static Element firstChild(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                return c;
            }
        }
        return null;
    }
}
