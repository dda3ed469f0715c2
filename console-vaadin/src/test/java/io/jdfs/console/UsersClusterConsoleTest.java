package io.jdfs.console;

import io.jdfs.client.Credentials;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.rpc.auth.UsersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console against a name server that has a users file (issue 14): with its own login it lists,
 * changes and follows the cluster; without one every view shows the name server's refusal.
 */
class UsersClusterConsoleTest {
    @Test
    void theConsoleLogsInAsItsUserAndWorksWithoutItShowsTheRefusal(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users");
        UsersFile.add(users, "console", "console-password", 0, 0, List.of());
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), NameServerConfig.forTests().withUsers(users)
                .withAccess(new NameServerConfig.Access(true, Set.of(), null)), 1, 0, 0)) {
            ConsoleSettings settings = ConsoleSettings.of(cluster.nameServerAddress()).withRefreshMillis(100);
            try (ConsoleBackend in = new ConsoleBackend(settings.withLogin(
                    Credentials.password("console", "console-password")))) {
                in.client().mkdirs("/from-console");
                assertThat(in.client().list("/")).extracting(s -> s.path()).contains("/from-console");
                assertThat(in.client().stat("/from-console").uid()).isZero();
                in.feed().refreshSoon();
                await().atMost(Duration.ofSeconds(20)).until(() -> in.feed().last() != null
                        && in.feed().last().status() != null && in.feed().last().status().liveServers() == 1);
            }
            try (ConsoleBackend out = new ConsoleBackend(settings)) {
                out.feed().refreshSoon();
                await().atMost(Duration.ofSeconds(20)).until(() -> out.feed().last() != null
                        && out.feed().last().error() != null);
                assertThat(out.feed().last().error()).contains("login");
            }
        }
    }
}
