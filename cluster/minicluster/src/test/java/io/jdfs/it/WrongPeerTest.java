package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A client pointed at something that is not a JDFS name server fails fast with one plain sentence
 * naming the address once, and a browser pointed at the RPC port is told what the port is.
 */
class WrongPeerTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static final ExecutorService fakes = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(dir, NameServerConfig.forTests().withAddress("127.0.0.1", 0, 0), 0, 0, 0);
    }

    @AfterAll
    static void stop() {
        fakes.shutdownNow();
        cluster.close();
    }

    static Throwable connectFailure(String address) {
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> DfsClient.connect(ClientConfig.of(address)).close());
        System.out.printf("connect to %s failed after %d ms: %s%n", address, (System.nanoTime() - t0) / 1_000_000,
                t == null ? null : t.getMessage());
        assertThat(t).isInstanceOf(IOException.class);
        assertThat(t.getMessage()).doesNotContain("\n").doesNotContain("Exception");
        assertThat(t.getMessage().split(java.util.regex.Pattern.quote(address), -1)).as("names the address once")
                .hasSize(2);
        return t;
    }

    /** A local listener that does {@code behaviour} with each connection. */
    static int fakeServer(Consumer<Socket> behaviour) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        fakes.submit(() -> {
            try (ss) {
                while (!Thread.currentThread().isInterrupted()) {
                    Socket s = ss.accept();
                    fakes.submit(() -> behaviour.accept(s));
                }
            } catch (IOException ignored) {
                // closed at the end of the test class
            }
        });
        return ss.getLocalPort();
    }

    @Test
    void aWebPortIsNamedAsSuch() {
        String web = "127.0.0.1:" + cluster.nameServer().webPort();
        assertThat(connectFailure(web).getMessage()).contains(web + " answered HTTP: that is a web port")
                .contains("9000");
    }

    @Test
    void aSilentPortFailsAfterTheShortHandshakeTimeout() throws Exception {
        int port = fakeServer(s -> {
            // accepts, reads what comes, never answers
            try (s) {
                s.getInputStream().readAllBytes();
            } catch (IOException ignored) {
                // the client hung up
            }
        });
        assertThat(connectFailure("127.0.0.1:" + port).getMessage()).contains("did not answer within 2 s");
    }

    @Test
    void aPortSpeakingGarbageIsNamedAsNotJdfs() throws Exception {
        int port = fakeServer(s -> {
            try (s; OutputStream out = s.getOutputStream()) {
                byte[] junk = new byte[256];
                new Random(7).nextBytes(junk);
                junk[0] = (byte) 0xC7; // a negative length prefix
                out.write(junk);
                out.flush();
                s.getInputStream().read();
            } catch (IOException ignored) {
                // the client hung up
            }
        });
        assertThat(connectFailure("127.0.0.1:" + port).getMessage()).contains("does not speak the JDFS protocol");
    }

    @Test
    void aRefusedConnectionIsOneSentence() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        assertThat(connectFailure("127.0.0.1:" + port).getMessage()).contains("connection refused");
    }

    @Test
    void aBrowserAtTheRpcPortIsToldWhatThePortIs() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cluster.nameServer().port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("This is a JDFS RPC port");
    }

    @Test
    void theRealNameServerStillAnswers() throws Exception {
        try (DfsClient c = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()))) {
            assertThat(c.clusterStatus()).isNotNull();
        }
    }
}
