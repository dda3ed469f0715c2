package io.jdfs.webdav;

import io.jdfs.client.DfsInputStream;
import io.jdfs.protocol.FileStatus;
import jakarta.servlet.ServletOutputStream;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/** GET and HEAD: whole files, single, suffix and multiple ranges, conditionals; an index for collections. */
final class ReadHandler {
    private static final int CHUNK = 256 * 1024;
    private final Gateway gw;

    ReadHandler(Gateway gw) {
        this.gw = gw;
    }

    void handle(HttpServletRequest req, HttpServletResponse resp, String path) throws DavStatusException, IOException {
        boolean head = req.getMethod().equals("HEAD");
        FileStatus st = gw.stat(path);
        if (st == null) {
            throw new DavStatusException(404, "no such file: " + path);
        }
        Conditionals.check(req, st);
        String etag = ETags.of(st);
        resp.setHeader("ETag", etag);
        resp.setDateHeader("Last-Modified", st.mtimeNanos() / 1_000_000);
        if (st.isDirectory()) {
            index(resp, path, head);
            return;
        }
        resp.setHeader("Accept-Ranges", "bytes");
        String type = MimeTypes.of(path);
        long length = st.length();
        List<Ranges.Span> spans = Ranges.parse(req.getHeader("Range"), length);
        String ifRange = req.getHeader("If-Range");
        if (spans != null && ifRange != null && !ifRange.trim().equals(etag)) {
            spans = null; // the client's copy is stale: send it all
        }
        if (spans != null && spans.isEmpty()) {
            resp.setHeader("Content-Range", "bytes */" + length);
            throw new DavStatusException(416, "no satisfiable range in " + req.getHeader("Range"));
        }
        if (spans == null) {
            resp.setStatus(200);
            resp.setContentType(type);
            resp.setContentLengthLong(length);
        } else if (spans.size() == 1) {
            Ranges.Span s = spans.get(0);
            resp.setStatus(206);
            resp.setContentType(type);
            resp.setHeader("Content-Range", "bytes " + s.first() + "-" + s.last() + "/" + length);
            resp.setContentLengthLong(s.length());
        }
        if (head && (spans == null || spans.size() == 1)) {
            return; // HEAD needs no block locations
        }
        try (DfsInputStream in = open(path)) {
            if (spans == null) {
                copy(in, 0, length, resp.getOutputStream());
            } else if (spans.size() == 1) {
                copy(in, spans.get(0).first(), spans.get(0).length(), resp.getOutputStream());
            } else {
                multipart(resp, in, spans, type, length, head);
            }
        }
    }

    private DfsInputStream open(String path) throws DavStatusException {
        try {
            return gw.client().open(path);
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
    }

    private static void multipart(HttpServletResponse resp, DfsInputStream in, List<Ranges.Span> spans, String type,
                                  long length, boolean head) throws IOException {
        String boundary = "jdfs-" + UUID.randomUUID();
        resp.setStatus(206);
        resp.setContentType("multipart/byteranges; boundary=" + boundary);
        long total = 0;
        for (Ranges.Span s : spans) {
            total += partHeader(boundary, type, s, length).length + s.length() + 2;
        }
        byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        resp.setContentLengthLong(total + end.length);
        if (head) {
            return;
        }
        ServletOutputStream out = resp.getOutputStream();
        for (Ranges.Span s : spans) {
            out.write(partHeader(boundary, type, s, length));
            copy(in, s.first(), s.length(), out);
            out.write(new byte[]{'\r', '\n'});
        }
        out.write(end);
    }

    private static byte[] partHeader(String boundary, String type, Ranges.Span s, long length) {
        return ("--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes " + s.first() + "-"
                + s.last() + "/" + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void copy(DfsInputStream in, long from, long count, OutputStream out) throws IOException {
        in.seek(from);
        if (out instanceof HttpOutput http) {
            // the client's direct buffers go to Jetty's socket writes as they are: no copy into an array
            // and out again into the JDK's temporary direct buffer
            long sent = in.transferTo(count, http::write);
            if (sent < count) {
                throw new IOException("file shorter than its length: " + (count - sent) + " bytes missing");
            }
            return;
        }
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, count))];
        long left = count;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("file shorter than its length: " + left + " bytes missing");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private void index(HttpServletResponse resp, String path, boolean head) throws IOException, DavStatusException {
        resp.setStatus(200);
        resp.setContentType("text/html; charset=utf-8");
        if (head) {
            return;
        }
        OutputStream out = resp.getOutputStream();
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(Xml.escape(path)).append("</title></head><body><h1>").append(Xml.escape(path))
                .append("</h1><ul>");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        Iterator<FileStatus> it;
        try {
            it = gw.client().listIterator(path);
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
        while (it.hasNext()) {
            FileStatus c = it.next();
            String name = c.name() + (c.isDirectory() ? "/" : "");
            String li = "<li><a href=\"" + Xml.escape(DavPath.encode(DavPath.child(path, c.name())))
                    + (c.isDirectory() ? "/" : "") + "\">" + Xml.escape(name) + "</a></li>";
            out.write(li.getBytes(StandardCharsets.UTF_8));
        }
        out.write("</ul></body></html>".getBytes(StandardCharsets.UTF_8));
    }
}
