package io.jdfs.webdav.milton;

import io.jdfs.webdav.ETags;
import io.milton.http.http11.ETagGenerator;
import io.milton.resource.Resource;

/** The same entity tags in PROPFIND as in GET/PUT answers. */
public final class DfsETagGenerator implements ETagGenerator {
    @Override
    public String generateEtag(Resource r) {
        return r instanceof DfsResource d ? ETags.of(d.status()) : null;
    }
}
