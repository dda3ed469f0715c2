package io.jdfs.console;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The console as a Jetty handler: either on a web server of its own ({@link #start}) or added to an
 * existing one ({@link #handler}), where it answers every path another handler (the JSON API under
 * {@code /api}) leaves. Vaadin finds its initializers and routes by scanning the class path.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /**
     * Jars and class directories Jetty scans for Vaadin's initializers and the console's routes:
     * Vaadin's, Jetty's WebSocket (push), the console's own (also inside the launcher's jdfs.jar), and
     * class directories. Scanning every jar of a large class path costs seconds.
     */
    private static final String SCAN = ".*/(flow-|vaadin-|jetty-ee10-websocket-|jdfs)[^/]*\\.jar$|.*/classes/.*";

    private final Server server;
    private final ServerConnector connector;

    private ConsoleServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Runs the console on a web server of its own; {@code port} 0 picks a free port. */
    public static ConsoleServer start(String bind, int port, String nameServer) throws Exception {
        return start(bind, port, ConsoleSettings.of(nameServer));
    }

    public static ConsoleServer start(String bind, int port, ConsoleSettings settings) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(32, 2);
        pool.setName("jdfs-console");
        pool.setDaemon(true);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        if (bind != null && !bind.equals("0.0.0.0")) {
            connector.setHost(bind);
        }
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler(settings));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        LOG.info("console for name server {} on http://{}:{}/{}", settings.nameServer(),
                bind == null ? "0.0.0.0" : bind, connector.getLocalPort(),
                settings.usersFile() == null ? " (open: no users file)" : "");
        return new ConsoleServer(server, connector);
    }

    /**
     * The console as a handler at {@code /} for an existing Jetty server; the cluster client and the
     * status feed it opens are closed when the handler stops.
     */
    public static Handler handler(ConsoleSettings settings) throws IOException {
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setDisplayName("jdfs-console");
        Resource root = context.getResourceFactory().newClassLoaderResource("io/jdfs/console/webroot");
        if (root == null) {
            throw new IOException("the console's resources (io/jdfs/console/webroot) are missing from the class path");
        }
        context.setBaseResource(root);
        context.setThrowUnavailableOnStartupException(true);
        context.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, SCAN);
        context.setConfigurationDiscovered(true);
        context.setInitParameter("productionMode", "true");
        context.addEventListener(new ServletContextListener() {
            private ConsoleBackend backend;

            @Override
            public void contextInitialized(ServletContextEvent sce) {
                try {
                    backend = new ConsoleBackend(settings);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("console: cannot read the users file: " + e.getMessage(), e);
                }
                sce.getServletContext().setAttribute(ConsoleBackend.ATTRIBUTE, backend);
            }

            @Override
            public void contextDestroyed(ServletContextEvent sce) {
                if (backend != null) {
                    backend.close();
                }
            }
        });
        return context;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
