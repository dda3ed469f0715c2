package io.jdfs.console.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.console.ConsoleBackend;
import io.jdfs.console.auth.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Streams each uploaded file straight into the cluster as the browser sends it: nothing is held in
 * memory or on the web server's disk, so any size goes. A failed upload leaves no file behind.
 */
final class UploadToCluster implements UploadHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UploadToCluster.class);
    private final ConsoleBackend backend;
    private final Supplier<String> dir;
    private final BiConsumer<UI, String> done;

    UploadToCluster(ConsoleBackend backend, Supplier<String> dir, BiConsumer<UI, String> done) {
        this.backend = backend;
        this.dir = dir;
        this.done = done;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        UI ui = event.getUI();
        if (!mayChange(ui)) {
            throw new IOException("this user may not change the cluster");
        }
        String target = DfsPaths.child(dir.get(), DfsPaths.safeName(event.getFileName()));
        long t0 = System.nanoTime();
        DfsOutputStream out;
        try {
            out = backend.client().create(target);
        } catch (IOException | RuntimeException e) {
            ui.access(() -> Notices.failed("cannot upload " + target, e));
            throw e;
        }
        long n;
        try (InputStream in = event.getInputStream()) {
            n = in.transferTo(out);
            out.close();
        } catch (IOException | RuntimeException e) {
            out.abort();
            ui.access(() -> Notices.failed("upload of " + target + " failed", e));
            throw e;
        }
        long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        LOG.debug("upload of {}: {} bytes in {} ms", target, n, ms);
        ui.access(() -> Audit.log("upload " + target + " (" + n + " bytes in " + ms + " ms)"));
        done.accept(ui, target);
    }

    private static boolean mayChange(UI ui) {
        boolean[] ok = new boolean[1];
        ui.accessSynchronously(() -> ok[0] = Session.mayChange());
        return ok[0];
    }
}
