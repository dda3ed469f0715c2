package io.jdfs.name.admin;

import io.jdfs.name.StatusService;
import io.jdfs.name.events.EventLog;
import io.jdfs.protocol.Json;
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
import io.jdfs.rpc.tls.ClusterCertificates;
import io.jdfs.rpc.tls.TlsSettings;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The web port: a read-only JSON admin API under {@code /api}; other handlers (the console at
 * {@code /}) may join it with {@link #addHandler}, and answer every path outside {@code /api}.
 */
public final class AdminHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final Handler.Sequence handlers;

    public AdminHttpServer(String bindHost, int port, StatusService status, EventLog events,
                           java.util.function.Supplier<String> metrics) throws Exception {
        this(bindHost, port, status, events, metrics, null);
    }

    /** @param tls HTTPS with this key store (the node's, as on the RPC port); null for plain HTTP */
    public AdminHttpServer(String bindHost, int port, StatusService status, EventLog events,
                           java.util.function.Supplier<String> metrics, TlsSettings tls) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("jdfs-web");
        pool.setDaemon(true);
        server = new Server(pool);
        connector = tls == null ? new ServerConnector(server, 1, 1) : httpsConnector(server, tls);
        if (bindHost != null && !bindHost.equals("0.0.0.0")) {
            connector.setHost(bindHost);
        }
        connector.setPort(port);
        server.addConnector(connector);
        Handler api = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if (path.equals("/metrics")) {
                    response.setStatus(HttpStatus.OK_200);
                    response.getHeaders().put("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    Content.Sink.write(response, true, metrics.get(), callback);
                    return true;
                }
                Object body;
                int code = HttpStatus.OK_200;
                if (path.equals("/api/status")) {
                    body = status.clusterStatus();
                } else if (path.equals("/api/events")) {
                    body = events.recent(EventLog.DEFAULT_CAPACITY);
                } else if (path.equals("/api") || path.equals("/api/")) {
                    body = Map.of("endpoints", java.util.List.of("/api/status", "/api/events", "/metrics"));
                } else if (path.startsWith("/api/")) {
                    code = HttpStatus.NOT_FOUND_404;
                    body = Map.of("error", "no such endpoint: " + path);
                } else {
                    return false; // not ours: the next handler (the console) or the final 404
                }
                return json(response, callback, code, body);
            }
        };
        Handler notFound = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return json(response, callback, HttpStatus.NOT_FOUND_404,
                        Map.of("error", "no such endpoint: " + Request.getPathInContext(request)));
            }
        };
        handlers = new Handler.Sequence(true, java.util.List.of(api, notFound));
        server.setHandler(handlers);
        server.start();
    }

    private static boolean json(Response response, Callback callback, int code, Object body) throws Exception {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body)),
                callback);
        return true;
    }

    /**
     * Serves {@code handler} beside the API on the running server: it gets every request outside
     * {@code /api} that an earlier added handler did not take. It is started here and stopped with the server.
     */
    public synchronized void addHandler(Handler handler) throws Exception {
        java.util.List<Handler> list = new java.util.ArrayList<>(handlers.getHandlers());
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

    private static ServerConnector httpsConnector(Server server, TlsSettings tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keyStore().toString());
        ssl.setKeyStorePassword(tls.password());
        ssl.setKeyStoreType("PKCS12");
        ssl.setCertAlias(ClusterCertificates.NODE_ALIAS);
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // clients reach nodes by address as often as by name
        http.addCustomizer(secure);
        return new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    }

    /** True when the port speaks HTTPS. */
    public boolean secure() {
        return connector.getDefaultConnectionFactory() instanceof SslConnectionFactory;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
