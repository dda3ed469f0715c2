package io.jdfs.webdav.props;

import io.jdfs.client.DfsClient;
import io.jdfs.client.XattrMode;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.PathNotFoundException;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dead properties stored durably as extended attributes of the resource ({@code user.dav.{ns}name}
 * holding the raw XML value): they survive gateway restarts, are shared by every gateway, and move,
 * and go, with the file or directory itself (rename keeps the inode; delete drops it).
 */
public final class XattrDeadProperties implements DeadProperties {
    static final String PREFIX = "user.dav.";
    private final DfsClient client;

    public XattrDeadProperties(DfsClient client) {
        this.client = client;
    }

    static String attribute(QName name) {
        return PREFIX + name; // QName.toString() is "{namespace}local"
    }

    @Override
    public Map<QName, String> get(String path) {
        Map<QName, String> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> e : client.xattrs(path).entrySet()) {
                if (e.getKey().startsWith(PREFIX)) {
                    out.put(QName.valueOf(e.getKey().substring(PREFIX.length())),
                            new String(e.getValue(), StandardCharsets.UTF_8));
                }
            }
        } catch (PathNotFoundException gone) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void set(String path, QName name, String xmlValue) {
        try {
            client.setXattr(path, attribute(name), xmlValue.getBytes(StandardCharsets.UTF_8), XattrMode.SET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(String path, QName name) {
        try {
            client.removeXattr(path, attribute(name));
        } catch (DfsException e) {
            if (e.code() != ErrorCode.NO_SUCH_ATTRIBUTE && e.code() != ErrorCode.NOT_FOUND) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called after the delete: the attributes went with the inodes. */
    @Override
    public void removeTree(String path) {
    }

    /** Called after the rename: the inodes, and their attributes, moved. */
    @Override
    public void moveTree(String from, String to) {
    }

    @Override
    public void copyTree(String from, String to) {
        get(from).forEach((k, v) -> set(to, k, v));
        try {
            FileStatus st = client.statOrNull(from);
            if (st == null || !st.isDirectory()) {
                return;
            }
            Iterator<FileStatus> it = client.listIterator(from);
            while (it.hasNext()) {
                FileStatus child = it.next();
                copyTree(child.path(), to + "/" + child.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
