package io.jdfs.webdav.milton;

import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.DavPath;
import io.jdfs.webdav.Gateway;
import io.milton.http.ResourceFactory;
import io.milton.http.exceptions.BadRequestException;
import io.milton.resource.Resource;

import java.io.IOException;

/** Resolves milton's (decoded) request paths to namespace entries. */
public final class DfsResourceFactory implements ResourceFactory {
    private final Gateway gw;
    private final QuotaCache quota;

    public DfsResourceFactory(Gateway gw) {
        this.gw = gw;
        this.quota = new QuotaCache(gw.client());
    }

    /** The namespace path of the request being served, decoded by the gateway (milton's decoder turns '+' into ' '). */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    public static void setCurrentPath(String path) {
        if (path == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(path);
        }
    }

    @Override
    public Resource getResource(String host, String path) throws BadRequestException {
        String p = CURRENT.get();
        if (p == null) {
            try {
                p = DavPath.fromRawUri(path.replace("%", "%25"));
            } catch (DavPath.BadPathException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        try {
            FileStatus st = gw.client().statOrNull(p);
            return st == null ? null : wrap(gw, st, quota);
        } catch (IOException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    static Resource wrap(Gateway gw, FileStatus st, QuotaCache quota) {
        return st.isDirectory() ? new DfsFolderResource(gw, st, quota) : new DfsFileResource(gw, st);
    }
}
