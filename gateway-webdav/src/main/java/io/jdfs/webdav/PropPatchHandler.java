package io.jdfs.webdav;

import io.jdfs.protocol.FileStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PROPPATCH, all or nothing (RFC 4918 section 9.2): dead properties keep their XML value as sent;
 * live DAV: properties are protected; Windows' Win32LastModifiedTime sets the mtime.
 */
final class PropPatchHandler {
    private static final String DAV = "DAV:";
    private static final String MS = "urn:schemas-microsoft-com:";
    private static final Set<String> PROTECTED = Set.of("getetag", "getcontentlength", "getlastmodified",
            "creationdate", "resourcetype", "lockdiscovery", "supportedlock", "getcontenttype",
            "quota-available-bytes", "quota-used-bytes");

    private record Op(boolean set, QName name, String value) {
    }

    private final Gateway gw;

    PropPatchHandler(Gateway gw) {
        this.gw = gw;
    }

    void handle(HttpServletRequest req, HttpServletResponse resp, String path, LockGuard guard)
            throws DavStatusException, IOException {
        FileStatus st = gw.stat(path);
        if (st == null) {
            throw new DavStatusException(404, "no such file: " + path);
        }
        Document doc = Xml.parse(req);
        if (doc == null) {
            throw new DavStatusException(400, "PROPPATCH needs a propertyupdate body");
        }
        Element root = doc.getDocumentElement();
        if (!isDav(root, "propertyupdate")) {
            throw new DavStatusException(400, "PROPPATCH body must be a DAV:propertyupdate element");
        }
        guard.checkIf(path);
        guard.checkWrite(path, false, false);
        List<Op> ops = new ArrayList<>();
        for (Element action : children(root)) {
            boolean set = isDav(action, "set");
            if (!set && !isDav(action, "remove")) {
                continue;
            }
            for (Element prop : children(action)) {
                if (!isDav(prop, "prop")) {
                    continue;
                }
                for (Element p : children(prop)) {
                    QName name = new QName(p.getNamespaceURI() == null ? "" : p.getNamespaceURI(), p.getLocalName());
                    ops.add(new Op(set, name, set ? inner(p) : null));
                }
            }
        }
        boolean refused = ops.stream().anyMatch(o -> DAV.equals(o.name().getNamespaceURI())
                && PROTECTED.contains(o.name().getLocalPart()));
        StringBuilder ok = new StringBuilder();
        StringBuilder forbidden = new StringBuilder();
        StringBuilder failedDep = new StringBuilder();
        for (Op o : ops) {
            boolean isProtected = DAV.equals(o.name().getNamespaceURI()) && PROTECTED.contains(o.name().getLocalPart());
            String el = element(o.name());
            if (isProtected) {
                forbidden.append(el);
            } else if (refused) {
                failedDep.append(el);
            } else {
                apply(path, o);
                ok.append(el);
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">")
                .append("<D:response><D:href>").append(Xml.escape(DavPath.encode(path))).append("</D:href>");
        propstat(xml, ok, "200 OK");
        propstat(xml, forbidden, "403 Forbidden");
        propstat(xml, failedDep, "424 Failed Dependency");
        xml.append("</D:response></D:multistatus>");
        byte[] b = xml.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(207);
        resp.setContentType("application/xml; charset=utf-8");
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    private void apply(String path, Op o) throws DavStatusException {
        if (o.set()) {
            gw.deadProperties().set(path, o.name(), o.value());
            if (MS.equals(o.name().getNamespaceURI()) && o.name().getLocalPart().equals("Win32LastModifiedTime")) {
                setMtime(path, o.value());
            }
        } else {
            gw.deadProperties().remove(path, o.name());
        }
    }

    private void setMtime(String path, String httpDate) throws DavStatusException {
        try {
            ZonedDateTime t = ZonedDateTime.parse(httpDate.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            gw.client().setTimes(path, t.toInstant().toEpochMilli() * 1_000_000L, -1);
        } catch (java.time.format.DateTimeParseException e) {
            // Windows sends what it sends: keep the property, leave the mtime
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
    }

    private static void propstat(StringBuilder xml, StringBuilder props, String status) {
        if (props.length() > 0) {
            xml.append("<D:propstat><D:prop>").append(props).append("</D:prop><D:status>HTTP/1.1 ")
                    .append(status).append("</D:status></D:propstat>");
        }
    }

    static String element(QName name) {
        if (DAV.equals(name.getNamespaceURI())) {
            return "<D:" + name.getLocalPart() + "/>";
        }
        return "<X:" + name.getLocalPart() + " xmlns:X=\"" + Xml.escape(name.getNamespaceURI()) + "\"/>";
    }

    private static boolean isDav(Element e, String local) {
        return DAV.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The content of a property element as XML text, namespaces declared where used. */
    private static String inner(Element p) throws DavStatusException {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
                t.transform(new DOMSource(n), new StreamResult(w));
            }
            return w.toString();
        } catch (TransformerException e) {
            throw new DavStatusException(400, "unreadable property value: " + e.getMessage());
        }
    }
}
