package io.jdfs.webdav.milton;

import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.DavPath;
import io.jdfs.webdav.Gateway;
import io.milton.http.exceptions.BadRequestException;
import io.milton.resource.CollectionResource;
import io.milton.resource.QuotaResource;
import io.milton.resource.Resource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A collection for PROPFIND, with RFC 4331 quota from the cluster's capacity. */
public final class DfsFolderResource extends DfsResource implements CollectionResource, QuotaResource {
    private final QuotaCache quota;

    public DfsFolderResource(Gateway gw, FileStatus status, QuotaCache quota) {
        super(gw, status);
        this.quota = quota;
    }

    @Override
    public Resource child(String childName) throws BadRequestException {
        try {
            FileStatus st = gw.client().statOrNull(DavPath.child(status.path(), childName));
            return st == null ? null : DfsResourceFactory.wrap(gw, st, quota);
        } catch (IOException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @Override
    public List<? extends Resource> getChildren() throws BadRequestException {
        List<Resource> out = new ArrayList<>();
        try {
            Iterator<FileStatus> it = gw.client().listIterator(status.path());
            while (it.hasNext()) {
                out.add(DfsResourceFactory.wrap(gw, it.next(), quota));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadRequestException(e.getMessage());
        }
        return out;
    }

    @Override
    public Long getQuotaUsed() {
        return quota.used();
    }

    @Override
    public Long getQuotaAvailable() {
        return quota.available();
    }
}
