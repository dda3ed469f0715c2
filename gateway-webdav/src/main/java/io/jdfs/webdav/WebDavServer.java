package io.jdfs.webdav;

import io.jdfs.client.DfsClient;
import io.jdfs.webdav.auth.Users;
import io.jdfs.webdav.lock.LockManager;
import io.jdfs.webdav.props.XattrDeadProperties;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The WebDAV gateway: an embedded Jetty serving the namespace at "/" over WebDAV class 1 and 2.
 * Locks and dead properties live in this process and go when it stops.
 */
public final class WebDavServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebDavServer.class);
    /** Bytes Jetty reads from a connection at once (pooled, taken only while a request has unread bytes). */
    static final int INPUT_BUFFER_BYTES = 1 << 20;
    /** SO_SNDBUF of accepted connections (the kernel caps it at net.core.wmem_max). */
    static final int SEND_BUFFER_BYTES = 4 << 20;

    private final Server jetty;
    private final ServerConnector connector;
    private final DfsClient client;
    private final boolean ownsClient;
    private final LockManager locks;
    private final boolean https;

    private WebDavServer(Server jetty, ServerConnector connector, DfsClient client, boolean ownsClient,
                         LockManager locks, boolean https) {
        this.jetty = jetty;
        this.connector = connector;
        this.client = client;
        this.ownsClient = ownsClient;
        this.locks = locks;
        this.https = https;
    }

    /** Connects to the name server at {@code nameServer} (host:port) and serves it. */
    public static WebDavServer start(String bind, int port, String nameServer, WebDavOptions options) throws IOException {
        DfsClient c = DfsClient.connect(nameServer);
        try {
            return start(bind, port, c, options, true);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Serves through an existing client, which the caller keeps and closes. */
    public static WebDavServer start(String bind, int port, DfsClient client, WebDavOptions options) throws IOException {
        return start(bind, port, client, options, false);
    }

    private static WebDavServer start(String bind, int port, DfsClient client, WebDavOptions options, boolean owns)
            throws IOException {
        Users users = options.usersFile() == null ? null : Users.load(options.usersFile());
        LockManager locks = new LockManager();
        Gateway gw = new Gateway(client, locks, new XattrDeadProperties(client));

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("webdav");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // names may hold '%', ';' and the like: let the raw URI through, DavPath decides what is a clean path
        http.setUriCompliance(UriCompliance.DEFAULT.with("webdav",
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
                UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER));
        ServerConnector connector;
        HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
        // a PUT body is read in chunks of this size: with Jetty's default (8 KiB) the request thread
        // was woken for every chunk, about twice the gateway's CPU per byte of a 1 MiB buffer
        httpFactory.setInputBufferSize(INPUT_BUFFER_BYTES);
        http.setInputBufferSize(INPUT_BUFFER_BYTES);
        boolean https = options.keyStore() != null;
        if (https) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(options.keyStore().toAbsolutePath().toString());
            ssl.setKeyStorePassword(options.keyStorePassword());
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"), httpFactory);
        } else {
            connector = new ServerConnector(jetty, httpFactory);
        }
        // a GET's blocking writes wait for room in the socket: a send buffer at the kernel's usual
        // ceiling from the start (not grown from 16 KiB) means fewer waits and wake-ups per byte
        connector.setAcceptedSendBufferSize(SEND_BUFFER_BYTES);
        connector.setHost(bind);
        connector.setPort(port);
        jetty.addConnector(connector);

        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        ctx.getServletHandler().setDecodeAmbiguousURIs(true);
        ctx.addServlet(new ServletHolder("webdav", new DavServlet(gw, users)), "/*");
        jetty.setHandler(ctx);
        jetty.setStopTimeout(2_000);
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IOException("WebDAV gateway could not start on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        WebDavServer s = new WebDavServer(jetty, connector, client, owns, locks, https);
        log.info("WebDAV gateway serving {} at {}{}", client.nameServer(), s.url(),
                users == null ? " (anonymous access)" : " (Basic auth, users from " + options.usersFile() + ")");
        return s;
    }

    /**
     * The gateway as a servlet, for a Jetty that hosts other things too: give it a context at "/"
     * on a connector of its own (request paths are namespace paths). Locks and dead properties
     * belong to the returned servlet.
     */
    public static jakarta.servlet.http.HttpServlet servlet(DfsClient client, WebDavOptions options) throws IOException {
        Users users = options.usersFile() == null ? null : Users.load(options.usersFile());
        return new DavServlet(new Gateway(client, new LockManager(), new XattrDeadProperties(client)), users);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "localhost" : connector.getHost();
        return (https ? "https" : "http") + "://" + host + ":" + port() + "/";
    }

    /** Stops serving; locks and in-memory dead properties are dropped. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("WebDAV gateway did not stop cleanly: {}", e.toString());
        }
        locks.clear();
        if (ownsClient) {
            client.close();
        }
        log.info("WebDAV gateway stopped");
    }
}
