package io.jdfs.webdav;

import io.jdfs.client.DfsOutputStream;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Class 2 against a real cluster: tokens, If header, depth, lock-null, shared locks, timeouts and races. */
@WithWebDavGateway
class LockingTest {
    static final String EXCLUSIVE = "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
            + "<D:locktype><D:write/></D:locktype><D:owner><D:href>mailto:a@example.com</D:href></D:owner></D:lockinfo>";
    static final String SHARED = EXCLUSIVE.replace("<D:exclusive/>", "<D:shared/>");

    static GatewayFixture f;
    static final AtomicInteger seq = new AtomicInteger();

    static String fresh() throws Exception {
        String d = "/l" + seq.incrementAndGet();
        f.client.mkdirs(d);
        return d;
    }

    static void write(String path) throws Exception {
        try (DfsOutputStream out = f.client.create(path)) {
            out.write('x');
        }
    }

    static String token(HttpResponse<String> r) {
        String h = r.headers().firstValue("Lock-Token").orElseThrow();
        return h.substring(1, h.length() - 1);
    }

    @Test
    void onlyTheTokenHolderWritesAndUnlocks() throws Exception {
        String d = fresh();
        write(d + "/f");
        HttpResponse<String> lock = f.send("LOCK", d + "/f", EXCLUSIVE, Map.of("Timeout", "Second-600"));
        assertThat(lock.statusCode()).isEqualTo(200);
        assertThat(lock.body()).contains("<D:exclusive/>", "mailto:a@example.com", "Second-");
        String token = token(lock);
        assertThat(f.send("PUT", d + "/f", "no", Map.of()).statusCode()).isEqualTo(423);
        assertThat(f.send("DELETE", d + "/f").statusCode()).isEqualTo(423);
        assertThat(f.send("PUT", d + "/f", "no", Map.of("If", "(<opaquelocktoken:bogus>)")).statusCode()).isEqualTo(412);
        assertThat(f.send("PUT", d + "/f", "yes", Map.of("If", "(<" + token + ">)")).statusCode()).isEqualTo(204);
        assertThat(f.send("LOCK", d + "/f", EXCLUSIVE, Map.of()).statusCode()).isEqualTo(423);
        assertThat(f.send("UNLOCK", d + "/f", null, Map.of("Lock-Token", "<opaquelocktoken:bogus>")).statusCode()).isEqualTo(409);
        assertThat(f.send("UNLOCK", d + "/f", null, Map.of("Lock-Token", "<" + token + ">")).statusCode()).isEqualTo(204);
        assertThat(f.send("PUT", d + "/f", "free", Map.of()).statusCode()).isEqualTo(204);
    }

    @Test
    void ifHeaderWithEtagsNotAndTaggedLists() throws Exception {
        String d = fresh();
        write(d + "/g");
        String etag = f.send("HEAD", d + "/g").headers().firstValue("ETag").orElseThrow();
        String token = token(f.send("LOCK", d + "/g", EXCLUSIVE, Map.of()));
        assertThat(f.send("PUT", d + "/g", "a", Map.of("If", "(<" + token + "> [\"wrong\"])")).statusCode()).isEqualTo(412);
        assertThat(f.send("PUT", d + "/g", "a", Map.of("If", "(<" + token + "> [" + etag + "])")).statusCode()).isEqualTo(204);
        // (Not <DAV:no-lock>) is true, but the lock's token is not submitted
        assertThat(f.send("PUT", d + "/g", "b", Map.of("If", "(Not <DAV:no-lock>)")).statusCode()).isEqualTo(423);
        String tagged = "<" + f.url(d + "/g") + "> (<" + token + ">)";
        assertThat(f.send("PUT", d + "/g", "c", Map.of("If", tagged)).statusCode()).isEqualTo(204);
        assertThat(f.send("PUT", d + "/g", "c", Map.of("If", "(<unbalanced")).statusCode()).isEqualTo(400);
    }

    @Test
    void depthInfinityLockCoversMembersAndLockNullCreates() throws Exception {
        String d = fresh();
        f.client.mkdirs(d + "/coll");
        HttpResponse<String> lock = f.send("LOCK", d + "/coll", EXCLUSIVE, Map.of("Depth", "infinity"));
        assertThat(lock.statusCode()).isEqualTo(200);
        String token = token(lock);
        assertThat(f.send("PUT", d + "/coll/new", "x", Map.of()).statusCode()).isEqualTo(423);
        assertThat(f.send("MKCOL", d + "/coll/sub").statusCode()).isEqualTo(423);
        assertThat(f.send("PUT", d + "/coll/new", "x", Map.of("If", "(<" + token + ">)")).statusCode()).isEqualTo(201);
        assertThat(f.send("MOVE", d + "/coll/new", null, Map.of("Destination", f.url(d + "/out"))).statusCode()).isEqualTo(423);
        HttpResponse<String> pf = f.send("PROPFIND", d + "/coll/new", "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\">"
                + "<D:prop><D:lockdiscovery/></D:prop></D:propfind>", Map.of("Depth", "0"));
        assertThat(pf.body()).contains(token, "<D:depth>infinity</D:depth>");
        // unmapped URL: LOCK creates an empty resource
        HttpResponse<String> lockNull = f.send("LOCK", d + "/fresh.txt", EXCLUSIVE, Map.of("Depth", "0"));
        assertThat(lockNull.statusCode()).isEqualTo(201);
        assertThat(f.client.stat(d + "/fresh.txt").length()).isZero();
        assertThat(f.send("PUT", d + "/fresh.txt", "x", Map.of()).statusCode()).isEqualTo(423);
        assertThat(f.send("LOCK", d + "/no/parent", EXCLUSIVE, Map.of()).statusCode()).isEqualTo(409);
    }

    @Test
    void sharedLocksCoexistButNotWithExclusive() throws Exception {
        String d = fresh();
        write(d + "/s");
        HttpResponse<String> a = f.send("LOCK", d + "/s", SHARED, Map.of("Depth", "0"));
        HttpResponse<String> b = f.send("LOCK", d + "/s", SHARED, Map.of("Depth", "0"));
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(b.statusCode()).isEqualTo(200);
        assertThat(token(a)).isNotEqualTo(token(b));
        assertThat(f.send("LOCK", d + "/s", EXCLUSIVE, Map.of("Depth", "0")).statusCode()).isEqualTo(423);
        assertThat(f.send("PUT", d + "/s", "x", Map.of("If", "(<" + token(b) + ">)")).statusCode()).isEqualTo(204);
    }

    @Test
    void refreshAndTimeout() throws Exception {
        String d = fresh();
        write(d + "/t");
        String token = token(f.send("LOCK", d + "/t", EXCLUSIVE, Map.of("Timeout", "Second-1")));
        HttpResponse<String> refresh = f.send("LOCK", d + "/t", null, Map.of("If", "(<" + token + ">)", "Timeout", "Second-100"));
        assertThat(refresh.statusCode()).isEqualTo(200);
        assertThat(refresh.body()).containsPattern("Second-(100|99)");
        assertThat(f.send("LOCK", d + "/t", null, Map.of("If", "(<opaquelocktoken:nope>)")).statusCode()).isEqualTo(412);
        String shortLived = d + "/u";
        write(shortLived);
        f.send("LOCK", shortLived, EXCLUSIVE, Map.of("Timeout", "Second-1"));
        assertThat(f.send("PUT", shortLived, "x", Map.of()).statusCode()).isEqualTo(423);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> f.send("PUT", shortLived, "x", Map.of()).statusCode() == 204);
    }

    @Test
    void twoClientsRaceForOneLock() throws Exception {
        String d = fresh();
        write(d + "/race");
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                GatewayFixture fx = f;
                results.add(pool.submit(() -> {
                    go.await();
                    return fx.send("LOCK", d + "/race", EXCLUSIVE, Map.of("Depth", "0"));
                }));
            }
            go.countDown();
            int won = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> r : results) {
                int s = r.get().statusCode();
                if (s == 200) {
                    won++;
                } else if (s == 423) {
                    refused++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(refused).isEqualTo(clients - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
