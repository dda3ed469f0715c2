package io.jdfs.webdav;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;

/** Safe XML parsing (no DTDs, no external entities) and escaping. */
public final class Xml {
    /** Request bodies larger than this are refused: no WebDAV request needs more. */
    public static final int MAX_BODY = 1 << 20;

    private Xml() {
    }

    /** Parses a request body, refusing a declared length over the limit before reading any of it. */
    public static Document parse(jakarta.servlet.http.HttpServletRequest req) throws DavStatusException, IOException {
        if (req.getContentLengthLong() > MAX_BODY) {
            throw new DavStatusException(413, "XML body over " + MAX_BODY + " bytes");
        }
        return parse(req.getInputStream());
    }

    public static Document parse(InputStream in) throws DavStatusException {
        try {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new DavStatusException(413, "XML body over " + MAX_BODY + " bytes");
            }
            if (body.length == 0) {
                return null;
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new java.io.ByteArrayInputStream(body));
        } catch (SAXException e) {
            throw new DavStatusException(400, "malformed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new DavStatusException(400, "unreadable XML body: " + e.getMessage());
        }
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
