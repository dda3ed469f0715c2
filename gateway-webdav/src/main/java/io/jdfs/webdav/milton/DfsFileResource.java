package io.jdfs.webdav.milton;

import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.Gateway;
import io.jdfs.webdav.MimeTypes;
import io.milton.http.Auth;
import io.milton.http.Range;
import io.milton.resource.GetableResource;

import java.io.OutputStream;
import java.util.Map;

/** A file for PROPFIND (content is served by the gateway's own GET). */
public final class DfsFileResource extends DfsResource implements GetableResource {
    public DfsFileResource(Gateway gw, FileStatus status) {
        super(gw, status);
    }

    @Override
    public void sendContent(OutputStream out, Range range, Map<String, String> params, String contentType) {
        throw new UnsupportedOperationException("GET is served by the gateway, not milton");
    }

    @Override
    public Long getMaxAgeSeconds(Auth auth) {
        return null;
    }

    @Override
    public String getContentType(String accepts) {
        return MimeTypes.of(status.path());
    }

    @Override
    public Long getContentLength() {
        return status.length();
    }
}
