package io.jdfs.webdav;

import io.jdfs.webdav.milton.DfsETagGenerator;
import io.jdfs.webdav.milton.DfsResourceFactory;
import io.jdfs.webdav.milton.RawXmlValueWriter;
import io.milton.config.HttpManagerBuilder;
import io.milton.http.HttpManager;
import io.milton.http.http11.DefaultHttp11ResponseHandler;
import io.milton.http.values.ValueWriter;
import io.milton.http.values.ValueWriters;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** milton configured for PROPFIND only: no auth of its own, no compression or buffering, quota on. */
final class MiltonSetup {
    private MiltonSetup() {
    }

    static HttpManager build(Gateway gw) {
        HttpManagerBuilder b = new HttpManagerBuilder();
        b.setResourceFactory(new DfsResourceFactory(gw));
        b.setEnableBasicAuth(false);
        b.setEnableDigestAuth(false);
        b.setEnableFormAuth(false);
        b.setEnableCookieAuth(false);
        b.setEnableOAuth2(false);
        b.setAuthenticationHandlers(new ArrayList<>());
        b.setEnabledJson(false);
        b.setEnabledCkBrowser(false);
        b.setEnableCompression(false);
        b.setBuffering(DefaultHttp11ResponseHandler.BUFFERING.never);
        b.setEnableQuota(true);
        b.setEnableExpectContinue(false);
        // keep milton from writing a cookie-signing key file into the temp dir
        b.setCookieSigningKeys(new ArrayList<>(List.of(UUID.randomUUID().toString())));
        b.seteTagGenerator(new DfsETagGenerator());
        List<ValueWriter> writers = new ArrayList<>();
        writers.add(new RawXmlValueWriter());
        writers.addAll(new ValueWriters().getValueWriters());
        b.setValueWriters(new ValueWriters(writers));
        return b.buildHttpManager();
    }
}
