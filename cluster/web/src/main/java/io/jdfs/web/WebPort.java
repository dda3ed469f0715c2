package io.jdfs.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A server's web port: one small embedded Jetty that answers {@code /metrics} (Prometheus text),
 * then the handlers given (a JSON API, the console), then a JSON 404. The name server and every data
 * server run one each.
 */
public final class WebPort implements AutoCloseable {
    /** The content type of the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;
    private final Handler.Sequence handlers;

    /** HTTPS with a PKCS#12 key store and the alias of its key entry (null: the store's only key). */
    public record Https(java.nio.file.Path keyStore, String password, String keyAlias) {
        @Override
        public String toString() {
            return "Https[" + keyStore + "]"; // never the password
        }
    }

    /**
     * Starts the web port on {@code bindHost:port} (0 picks a free port; null or 0.0.0.0 binds every
     * address). {@code metrics} is called once per scrape of {@code /metrics}.
     */
    public WebPort(String threadName, String bindHost, int port, Supplier<String> metrics, List<Handler> handlers)
            throws Exception {
        this(threadName, bindHost, port, metrics, handlers, null);
    }

    /** @param https serve HTTPS only, with this key store; null for plain HTTP */
    public WebPort(String threadName, String bindHost, int port, Supplier<String> metrics, List<Handler> handlers,
                   Https https) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName(threadName);
        pool.setDaemon(true);
        server = new Server(pool);
        connector = https == null ? new ServerConnector(server, 1, 1) : httpsConnector(server, https);
        if (bindHost != null && !bindHost.equals("0.0.0.0")) {
            connector.setHost(bindHost);
        }
        connector.setPort(port);
        server.addConnector(connector);
        List<Handler> all = new ArrayList<>();
        all.add(metricsHandler(metrics));
        all.addAll(handlers);
        all.add(notFound());
        this.handlers = new Handler.Sequence(true, all);
        server.setHandler(this.handlers);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    private static ServerConnector httpsConnector(Server server, Https https) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(https.keyStore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(https.password());
        ssl.setKeyStoreType("PKCS12");
        if (https.keyAlias() != null) {
            ssl.setCertAlias(https.keyAlias());
        }
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // servers are reached by address as often as by name
        http.addCustomizer(secure);
        return new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    }

    /** True when the port speaks HTTPS. */
    public boolean secure() {
        return connector.getDefaultConnectionFactory() instanceof SslConnectionFactory;
    }

    private static Handler metricsHandler(Supplier<String> metrics) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!Request.getPathInContext(request).equals("/metrics")) {
                    return false;
                }
                response.setStatus(HttpStatus.OK_200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROMETHEUS_TEXT);
                Content.Sink.write(response, true, metrics.get(), callback);
                return true;
            }
        };
    }

    private static Handler notFound() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(HttpStatus.NOT_FOUND_404);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                Content.Sink.write(response, true, "{\"error\": \"no such endpoint: "
                        + jsonEscape(Request.getPathInContext(request)) + "\"}", callback);
                return true;
            }
        };
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Serves {@code handler} on the running server after those already there: it gets every request
     * they did not take. It is started here and stopped with the server.
     */
    public synchronized void addHandler(Handler handler) throws Exception {
        List<Handler> list = new ArrayList<>(handlers.getHandlers());
        list.add(list.size() - 1, handler); // before the final 404
        handler.setServer(server);
        handlers.setHandlers(list);
        try {
            if (!handler.isStarted()) {
                handler.start();
            }
        } catch (Exception e) {
            list.remove(handler); // a handler that failed to start must not shadow the 404s
            handlers.setHandlers(list);
            throw e;
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
