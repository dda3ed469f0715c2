package io.jdfs.webdav;

import java.util.concurrent.CountDownLatch;

/**
 * A bare gateway process: {@code java -cp ... io.jdfs.webdav.WebDavMain PORT NAME_SERVER}. Prints
 * {@code LISTENING <port>} once serving; stops on SIGTERM. The launcher's {@code dfs webdav} is the
 * user-facing way; this one lets tests run the gateway in a JVM of its own (e.g. -Xmx128m).
 */
public final class WebDavMain {
    private WebDavMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        WebDavServer s = WebDavServer.start("127.0.0.1", port, args[1], WebDavOptions.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "webdav-stop"));
        System.out.println("LISTENING " + s.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
