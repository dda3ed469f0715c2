package io.jdfs.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's own web server: it starts without a reachable name server, stops cleanly, refuses bad users files. */
class ConsoleServerTest {
    @Test
    void servesThePageEvenBeforeTheNameServerIsUpAndStopsCleanly() throws Exception {
        int port;
        try (ConsoleServer c = ConsoleServer.start("127.0.0.1", 0, "127.0.0.1:1")) {
            port = c.port();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("<html");
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void aBadUsersFileStopsTheStartWithItsReason(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "ann:pw:boss\n");
        assertThatThrownBy(() -> ConsoleServer.start("127.0.0.1", 0,
                ConsoleSettings.of("127.0.0.1:1").withUsersFile(users)))
                .hasStackTraceContaining("unknown role 'boss'");
        assertThatThrownBy(() -> ConsoleServer.start("127.0.0.1", 0,
                ConsoleSettings.of("127.0.0.1:1").withUsersFile(dir.resolve("missing"))))
                .hasStackTraceContaining("missing");
    }
}
