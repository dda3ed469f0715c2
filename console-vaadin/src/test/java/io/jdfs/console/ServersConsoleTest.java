package io.jdfs.console;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.console.ui.Format;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DataServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console served as in {@code dfs local}: at {@code /} on the name server's web port, beside
 * {@code /api}; a real cluster of 4 data servers and a real headless chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServersConsoleTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;
    static Browser browser;
    static String web;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir, 4);
        client = cluster.newClient();
        cluster.nameServer().web().addHandler(ConsoleServer.handler(
                ConsoleSettings.of(cluster.nameServerAddress()).withRefreshMillis(300)));
        web = "http://127.0.0.1:" + cluster.nameServer().webPort() + "/";
        browser = new Browser(web);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theApiStaysBesideTheConsole() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(web + "api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(api.body()).contains("\"servers\"");
        HttpResponse<String> nope = http.send(HttpRequest.newBuilder(URI.create(web + "api/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nope.statusCode()).isEqualTo(404);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(web)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
    }

    private static long capacity() {
        try {
            return client.clusterStatus().capacity();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(2)
    void dashboardShowsTheServersAndCapacity() throws Exception {
        long t0 = System.nanoTime();
        browser.open("");
        System.out.printf("FIGURE dashboard first load (fresh browser, until Vaadin idle): %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        browser.until(d -> browser.text("dash-live").equals("4"));
        assertThat(browser.text("dash-dead")).isEqualTo("0");
        // the capacity follows the disks' free space, which other writes move: compare with a fresh reading
        browser.until(d -> browser.byId("dash-used").findElement(org.openqa.selenium.By.xpath(".."))
                .getText().contains("of " + Format.bytes(capacity())));
        // the dashboard follows the cluster without a reload: a new file shows in the counts
        try (DfsOutputStream out = client.create("/dash/one", CreateOptions.defaults())) {
            out.write(new byte[1000]);
        }
        browser.until(d -> browser.text("dash-files").equals("1") && browser.text("dash-blocks").equals("1"));
        // the throughput and journal charts come from the name server's meters: the write shows as a rise
        browser.until(d -> peak("dash-write-chart") > 0 && peak("dash-journal-chart") > 0);
        browser.screenshot("dashboard");
        // the whole page, charts included (the README's picture)
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
        browser.screenshot("dashboard-full");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }

    /** How high the chart's line rises above its baseline, in SVG units (0: flat or no line yet). */
    private static double peak(String chartId) {
        Object v = browser.js("""
                const p = document.querySelector('#' + arguments[0] + ' polyline');
                if (!p) return 0;
                const ys = p.getAttribute('points').trim().split(/\\s+/).map(xy => parseFloat(xy.split(',')[1]));
                return 58 - Math.min(...ys);""", chartId);
        return ((Number) v).doubleValue();
    }

    @Test
    @Order(3)
    void decommissionThroughTheDialogDrainsTheServer() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(1).nextBytes(data);
        try (DfsOutputStream out = client.create("/drain/f", CreateOptions.defaults().withBlockSize(1 << 20))) {
            out.write(data);
        }
        DataServerInfo target = client.clusterStatus().servers().stream()
                .filter(d -> d.blocks() > 0).findFirst().orElseThrow();
        browser.open("servers");
        browser.until(d -> browser.gridRows("servers-grid").size() == 4);
        assertThat(browser.byId("servers-blocks-chart").findElements(org.openqa.selenium.By.cssSelector("rect")))
                .as("a bar per server").hasSize(4);
        browser.until(d -> Boolean.TRUE.equals(browser.js(
                "const b = document.querySelector(`vaadin-button[data-server='${arguments[0]}']`);"
                        + " if (!b) return false; b.click(); return true;", target.address())));
        browser.confirmDialog();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(target.id()) == DataServerState.DECOMMISSIONED);
        browser.until(d -> {
            List<String> row = browser.gridRow("servers-grid", target.address());
            return row != null && row.get(2).equals("DECOMMISSIONED");
        });
        assertThat(client.admin().fsck("/drain").healthy()).isTrue();
        browser.screenshot("servers-decommissioned");
    }

    @Test
    @Order(4)
    void aStoppedServerTurnsDeadAndRed() throws Exception {
        browser.open("servers");
        int victim = 3;
        String address = "127.0.0.1:" + cluster.dataServer(victim).port();
        browser.until(d -> browser.gridRow("servers-grid", address) != null);
        cluster.stopDataServer(victim);
        browser.until(d -> {
            List<String> row = browser.gridRow("servers-grid", address);
            return row != null && row.get(2).equals("DEAD");
        });
        String color = (String) browser.js("""
                const e = document.querySelector("#servers-grid span[data-state='DEAD']");
                return e ? getComputedStyle(e).backgroundColor : null;""");
        assertThat(color).as("dead badge colour").isNotNull();
        int[] rgb = java.util.Arrays.stream(color.replaceAll("[^0-9,]", "").split(","))
                .limit(3).mapToInt(Integer::parseInt).toArray();
        assertThat(rgb[0]).as("red in " + color).isGreaterThan(150).isGreaterThan(rgb[1] + 60);
        browser.open("");
        browser.until(d -> browser.text("dash-dead").equals("1"));
        browser.screenshot("servers-dead");
    }

    @Test
    @Order(5)
    void eventsNewestFirstAndFiltered() throws Exception {
        String victim = client.clusterStatus().servers().stream().filter(d -> d.state() == DataServerState.DEAD)
                .findFirst().orElseThrow().id();
        browser.open("events");
        browser.until(d -> browser.gridRows("events-grid").stream()
                .anyMatch(r -> r.get(1).equals("SERVER_DEAD") && r.get(2).equals(victim)));
        List<List<String>> rows = browser.gridRows("events-grid");
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i - 1).get(0)).as("newest first").isGreaterThanOrEqualTo(rows.get(i).get(0));
        }
        assertThat(rows.stream().map(r -> r.get(1))).contains("SERVER_JOINED", "DECOMMISSIONED", "SERVER_DEAD");
        browser.js("""
                const t = document.getElementById('events-text');
                t.value = arguments[0];
                t.dispatchEvent(new Event('input', {bubbles: true}));
                t.dispatchEvent(new Event('change', {bubbles: true}));""", victim);
        browser.until(d -> {
            List<List<String>> shown = browser.gridRows("events-grid");
            return !shown.isEmpty() && shown.stream().allMatch(r -> r.get(2).equals(victim) || r.get(3).contains(victim));
        });
        browser.screenshot("events");
    }

    @Test
    @Order(6)
    void healthShowsTheFsckSummary() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> client.admin().fsck("/").healthy());
        browser.open("health");
        browser.until(d -> browser.text("health-status").startsWith("HEALTHY"));
        assertThat(browser.text("health-blocks")).isEqualTo(Format.count(client.admin().fsck("/").blocks()));
        assertThat(browser.gridRows("health-grid")).isEmpty();
        long blocks = client.admin().fsck("/").blocks();
        long liveServers = client.clusterStatus().servers().size();
        assertThat(browser.byId("health-picture").findElements(org.openqa.selenium.By.cssSelector("rect")))
                .as("a cell per block and server").hasSize((int) (blocks * liveServers));
        browser.screenshot("health");
        // the same console at phone width
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open("");
        // what the name server says now (the decommissioned and the stopped server are not live)
        browser.until(d -> browser.text("dash-live").equals(liveNow()));
        browser.screenshot("dashboard-phone");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }

    private static String liveNow() {
        try {
            return Long.toString(client.clusterStatus().liveServers());
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /**
     * Not an assertion: the figures for the closing note. Each page is opened by a browser of its own
     * (its own profile, so its own HTTP and Vaadin session), and all stay open, push connected, while
     * the heap is measured.
     */
    @Test
    @Order(7)
    void footprintPerOpenBrowserSession() throws Exception {
        int sessions = 10;
        List<Browser> browsers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                browsers.add(new Browser(web)); // started before the first heap reading: only the pages count
            }
            // live objects only: the class histogram collects first (a heap reading after System.gc()
            // also counts what the cluster and the pushes allocated since, several MiB)
            java.util.Map<String, Long> h0 = histogram();
            long loads = 0;
            long[] nav = new long[6];
            for (Browser b : browsers) {
                long t0 = System.nanoTime();
                b.open("");
                b.until(d -> !b.text("dash-live").equals("-"));
                loads += System.nanoTime() - t0;
                List<?> timing = (List<?>) b.js("""
                        const n = performance.getEntriesByType('navigation')[0];
                        const res = performance.getEntriesByType('resource');
                        const end = k => Math.min(...res.filter(e => e.name.includes(k)).map(e => e.responseEnd));
                        return [n.domContentLoadedEventEnd, n.loadEventEnd,
                                res.reduce((a, e) => a + (e.transferSize || 0), n.transferSize || 0),
                                end('v-r=init'), end('FlowClient'), end('v-r=uidl')];""");
                for (int k = 0; k < nav.length; k++) {
                    nav[k] += ((Number) timing.get(k)).longValue();
                }
            }
            java.util.Map<String, Long> h1 = histogram();
            long before = h0.get(TOTAL);
            long after = h1.get(TOTAL);
            String top = h1.entrySet().stream().filter(e -> !e.getKey().equals(TOTAL))
                    .sorted((a, b) -> Long.compare(b.getValue() - h0.getOrDefault(b.getKey(), 0L),
                            a.getValue() - h0.getOrDefault(a.getKey(), 0L))).limit(4)
                    .map(e -> e.getKey() + " " + (e.getValue() - h0.getOrDefault(e.getKey(), 0L)) / sessions / 1024 + " KiB")
                    .collect(java.util.stream.Collectors.joining(", "));
            System.out.printf("FIGURE dashboard in a new browser (fresh profile, warm console): %d ms to data on screen,"
                            + " DOMContentLoaded %d ms, load %d ms, %d KiB transferred, on average of %d%n",
                    loads / sessions / 1_000_000, nav[0] / sessions, nav[1] / sessions, nav[2] / sessions / 1024,
                    sessions);
            // where the time goes: the server answers quickly; the browser evaluating Vaadin's bundle takes longer
            System.out.printf("FIGURE  of which: init answered at %d ms, Vaadin's client script loaded at %d ms, "
                            + "first UI update answered at %d ms (after navigation start)%n",
                    nav[3] / sessions, nav[4] / sessions, nav[5] / sessions);
            System.out.printf("FIGURE live heap per open browser session (dashboard, push connected): %d KiB "
                            + "(%d sessions, %d KiB -> %d KiB of live objects; per session most: %s)%n",
                    (after - before) / sessions / 1024, sessions, before / 1024, after / 1024, top);
        } finally {
            for (Browser b : browsers) {
                b.close();
            }
        }
    }

    private static final String TOTAL = "(total)";

    /** Bytes of live objects by class, and their total under {@link #TOTAL} (the histogram collects first). */
    static java.util.Map<String, Long> histogram() throws Exception {
        String text = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                m.put(f[3], Long.parseLong(f[2]));
            } else if (f.length == 3 && f[0].equals("Total")) {
                m.put(TOTAL, Long.parseLong(f[2]));
            }
        }
        return m;
    }

    static DataServerState state(String id) throws Exception {
        return client.clusterStatus().servers().stream().filter(d -> d.id().equals(id))
                .findFirst().orElseThrow().state();
    }
}
