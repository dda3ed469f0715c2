package io.jdfs.name.admin;

import io.jdfs.rpc.tls.ClusterCertificates;
import io.jdfs.rpc.tls.TlsSettings;
import io.jdfs.name.StatusService;
import io.jdfs.name.events.EventLog;
import io.jdfs.protocol.ClusterMeters;
import io.jdfs.protocol.Json;
import io.jdfs.web.WebPort;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The name server's web port: {@code /metrics}, a read-only JSON admin API under {@code /api} (status,
 * events, and the meters' running totals as {@code DfsClient.meters()} returns them); other
 * handlers (the console at {@code /}) may join it with {@link #addHandler}, and answer every path
 * outside {@code /api}.
 */
public final class AdminHttpServer implements AutoCloseable {
    private final WebPort web;

    public AdminHttpServer(String bindHost, int port, StatusService status, EventLog events,
                           Supplier<String> metrics, Supplier<ClusterMeters> meters) throws Exception {
        this(bindHost, port, status, events, metrics, meters, null);
    }

    /** @param tls HTTPS with this key store (the node's, as on the RPC port); null for plain HTTP */
    public AdminHttpServer(String bindHost, int port, StatusService status, EventLog events,
                           Supplier<String> metrics, Supplier<ClusterMeters> meters, TlsSettings tls) throws Exception {
        Handler api = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                Object body;
                int code = HttpStatus.OK_200;
                if (path.equals("/api/status")) {
                    body = status.clusterStatus();
                } else if (path.equals("/api/meters")) {
                    body = meters.get();
                } else if (path.equals("/api/events")) {
                    body = events.recent(EventLog.DEFAULT_CAPACITY);
                } else if (path.equals("/api") || path.equals("/api/")) {
                    body = Map.of("endpoints", List.of("/api/status", "/api/events", "/api/meters", "/metrics"));
                } else if (path.startsWith("/api/")) {
                    code = HttpStatus.NOT_FOUND_404;
                    body = Map.of("error", "no such endpoint: " + path);
                } else {
                    return false; // not ours: the next handler (the console) or the final 404
                }
                response.setStatus(code);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                response.write(true, ByteBuffer.wrap(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body)),
                        callback);
                return true;
            }
        };
        this.web = new WebPort("jdfs-web", bindHost, port, metrics, List.of(api), tls == null ? null
                : new WebPort.Https(tls.keyStore(), tls.password(), ClusterCertificates.NODE_ALIAS));
    }

    /**
     * Serves {@code handler} beside the API on the running server: it gets every request outside
     * {@code /api} that an earlier added handler did not take. It is started here and stopped with the server.
     */
    public void addHandler(Handler handler) throws Exception {
        web.addHandler(handler);
    }

    public int port() {
        return web.port();
    }

    @Override
    public void close() throws Exception {
        web.close();
    }
}
