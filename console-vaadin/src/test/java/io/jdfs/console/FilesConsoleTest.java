package io.jdfs.console;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The file browser on a console of its own (ConsoleServer.start) against a real cluster and chromium. */
class FilesConsoleTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;
    static ConsoleServer console;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir.resolve("cluster"), 3);
        client = cluster.newClient();
        console = ConsoleServer.start("127.0.0.1", 0, cluster.nameServerAddress());
        browser = new Browser("http://127.0.0.1:" + console.port() + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{browser, console, client, cluster}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static List<String> names(String gridId) {
        return browser.gridRows(gridId).stream().map(r -> r.get(0)).toList();
    }

    @Test
    void listsADirectoryMadeByTheClient() throws Exception {
        client.mkdirs("/made/by/client");
        try (DfsOutputStream out = client.create("/made/hello.txt")) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        browser.open("files/made");
        browser.until(d -> names("files-grid").equals(List.of("by", "hello.txt")));
        List<String> hello = browser.gridRow("files-grid", "hello.txt");
        assertThat(hello.get(1)).isEqualTo("5 B");
        assertThat(hello.get(3)).isEqualTo("-rw-r--r--");
        browser.screenshot("files");
        // a file's URL opens its block map; a missing directory lists nothing and says so
        browser.open("files/made/hello.txt");
        browser.until(d -> d.getCurrentUrl().endsWith("/blocks/made/hello.txt"));
        browser.until(d -> browser.gridRows("blocks-grid").size() == 1);
        browser.open("files/no/such/dir");
        browser.until(d -> Boolean.TRUE.equals(browser.js("return [...document.querySelectorAll('vaadin-notification-card')]"
                + ".some(n => n.innerText.includes('no such directory'))")));
        assertThat(browser.gridRows("files-grid")).isEmpty();
    }

    @Test
    void uploadThroughThePageLandsInTheClusterAndDownloadsBack() throws Exception {
        client.mkdirs("/up");
        byte[] data = new byte[(9 << 20) + 12345]; // three 4 MiB blocks
        new Random(7).nextBytes(data);
        Path local = Files.createDirectories(dir.resolve("local")).resolve("big.bin");
        Files.write(local, data);
        browser.open("files/up");
        browser.byId("files-upload").getShadowRoot().findElement(By.cssSelector("input[type=file]"))
                .sendKeys(local.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            FileStatus s = client.statOrNull("/up/big.bin");
            return s != null && s.complete();
        });
        try (DfsInputStream in = client.open("/up/big.bin")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
        browser.until(d -> names("files-grid").contains("big.bin"));

        // download: the browser fetches the link and hashes what it got
        browser.clickGridCell("files-grid", "big.bin");
        browser.until(d -> browser.byId("files-download").getAttribute("href") != null
                && !browser.byId("files-download").getAttribute("href").isEmpty());
        Object got = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('files-download').href).then(r => r.arrayBuffer())
                  .then(b => crypto.subtle.digest('SHA-256', b))
                  .then(h => done([...new Uint8Array(h)].map(x => x.toString(16).padStart(2, '0')).join('')))
                  .catch(e => done('error ' + e));""");
        assertThat(got).isEqualTo(sha256(data));

        // its block map: three blocks, each on two servers, none flagged
        browser.click("files-blocks");
        browser.until(d -> browser.gridRows("blocks-grid").size() == 3);
        for (List<String> row : browser.gridRows("blocks-grid")) {
            assertThat(row.get(5)).isEqualTo("2 / 2");
            assertThat(row.get(6).split(", ")).hasSize(2);
            assertThat(row.get(7)).isEqualTo("ok");
        }
        assertThat(browser.byId("blocks-picture").findElements(By.cssSelector("rect"))).hasSize(3 * 3);
        browser.screenshot("block-map");
    }

    @Test
    void severalFilesInOneUpload() throws Exception {
        client.mkdirs("/multi");
        Path local = Files.createDirectories(dir.resolve("multi"));
        byte[] a = "first file\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[300_000];
        new Random(3).nextBytes(b);
        Files.write(local.resolve("a.txt"), a);
        Files.write(local.resolve("b.bin"), b);
        browser.open("files/multi");
        browser.byId("files-upload").getShadowRoot().findElement(By.cssSelector("input[type=file]"))
                .sendKeys(local.resolve("a.txt") + "\n" + local.resolve("b.bin"));
        await().atMost(Duration.ofSeconds(60)).until(() -> client.list("/multi").stream()
                .filter(FileStatus::complete).count() == 2);
        try (DfsInputStream in = client.open("/multi/a.txt")) {
            assertThat(in.readAllBytes()).isEqualTo(a);
        }
        try (DfsInputStream in = client.open("/multi/b.bin")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(b));
        }
        browser.until(d -> names("files-grid").equals(List.of("a.txt", "b.bin")));
    }

    @Test
    void deleteThroughTheDialog() throws Exception {
        client.mkdirs("/del");
        try (DfsOutputStream out = client.create("/del/doomed", CreateOptions.defaults())) {
            out.write(new byte[100]);
        }
        try (DfsOutputStream out = client.create("/del/kept", CreateOptions.defaults())) {
            out.write(new byte[100]);
        }
        browser.open("files/del");
        browser.until(d -> names("files-grid").equals(List.of("doomed", "kept")));
        browser.clickGridCell("files-grid", "doomed");
        browser.click("files-delete");
        browser.confirmDialog();
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.exists("/del/doomed"));
        assertThat(client.exists("/del/kept")).isTrue();
        browser.until(d -> names("files-grid").equals(List.of("kept")));
    }

    @Test
    void mkdirAndRenameThroughDialogs() throws Exception {
        client.mkdirs("/dlg");
        browser.open("files/dlg");
        browser.click("files-mkdir");
        fillPrompt("reports");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.exists("/dlg/reports"));
        browser.until(d -> names("files-grid").equals(List.of("reports")));
        browser.clickGridCell("files-grid", "reports");
        browser.click("files-rename");
        fillPrompt("archive");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.exists("/dlg/archive") && !client.exists("/dlg/reports"));
        browser.until(d -> names("files-grid").equals(List.of("archive")));
    }

    @Test
    void modeAndReplicationThroughDialogsAndTheUnderReplicatedBlockStandsOut() throws Exception {
        try (DfsOutputStream out = client.create("/repl/data", CreateOptions.defaults().withReplication(2))) {
            out.write(new byte[70_000]);
        }
        browser.open("files/repl");
        browser.until(d -> names("files-grid").equals(List.of("data")));
        browser.clickGridCell("files-grid", "data");
        browser.click("files-chmod");
        fillPrompt("600");
        await().atMost(Duration.ofSeconds(20)).until(() -> (client.stat("/repl/data").mode() & 07777) == 0600);
        browser.until(d -> browser.gridRow("files-grid", "data").get(3).equals("-rw-------"));

        browser.clickGridCell("files-grid", "data");
        browser.click("files-chown");
        fillPrompt("1234:5678");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.stat("/repl/data").uid() == 1234);
        assertThat(client.stat("/repl/data").gid()).isEqualTo(5678);
        browser.until(d -> browser.gridRow("files-grid", "data").get(4).equals("1234:5678"));

        // 4 copies asked of a 3-server cluster: the block stays under-replicated, and says so in red
        browser.clickGridCell("files-grid", "data");
        browser.click("files-replication");
        fillPrompt("4");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.stat("/repl/data").replication() == 4);
        browser.open("blocks/repl/data");
        browser.until(d -> {
            List<String> row = browser.gridRows("blocks-grid").stream().findFirst().orElse(null);
            return row != null && row.get(5).endsWith("/ 4") && row.get(7).contains("under-replicated");
        });
        Object color = browser.js("""
                const e = document.querySelector("#blocks-grid span[data-flags*='under-replicated']");
                return e ? getComputedStyle(e).color : null;""");
        assertThat((String) color).as("the flag is drawn in the error colour").isNotNull()
                .satisfies(c -> {
                    int[] rgb = java.util.Arrays.stream(c.replaceAll("[^0-9,]", "").split(","))
                            .limit(3).mapToInt(Integer::parseInt).toArray();
                    assertThat(rgb[0]).isGreaterThan(rgb[1] + 60);
                });
        browser.screenshot("block-map-under-replicated");

        // the health page lists the file and links to its block map
        browser.open("health");
        browser.until(d -> browser.text("health-status").startsWith("UNHEALTHY"));
        browser.until(d -> {
            List<String> row = browser.gridRow("health-grid", "/repl/data");
            return row != null && row.get(2).contains("under-replicated");
        });
        browser.screenshot("health-unhealthy");
        browser.until(d -> Boolean.TRUE.equals(browser.js("""
                const a = [...document.querySelectorAll('#health-grid a')].find(x => x.innerText === '/repl/data');
                if (!a) return false;
                a.click();
                return true;""")));
        browser.until(d -> d.getCurrentUrl().endsWith("/blocks/repl/data"));
        client.setReplication("/repl/data", 2);
    }

    @Test
    void aLargeDirectoryOpensAtOnceAndScrollsToItsEnd() throws Exception {
        int n = 5_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            client.mkdirs(String.format("/large/d%05d", i));
        }
        System.out.printf("FIGURE made %d directories through the client in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
        long t1 = System.nanoTime();
        browser.open("files/large");
        browser.until(d -> names("files-grid").contains("d00000"));
        System.out.printf("FIGURE a %d-entry directory shows its first rows after %d ms%n", n,
                (System.nanoTime() - t1) / 1_000_000);
        assertThat(browser.gridRows("files-grid").size()).as("only what is on screen is drawn").isLessThan(200);
        long t2 = System.nanoTime();
        browser.until(d -> {
            browser.js("const g = document.getElementById('files-grid'); g.scrollToIndex(g.size - 1);");
            return names("files-grid").contains(String.format("d%05d", n - 1));
        });
        System.out.printf("FIGURE scrolled to the end of %d entries in %d ms%n", n, (System.nanoTime() - t2) / 1_000_000);
    }

    @Test
    void followsTheBrowsersDarkPreference() throws Exception {
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            browser.open("files");
            browser.until(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
            browser.screenshot("files-dark");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                    List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "light"))));
        }
        browser.open("files");
        browser.until(d -> "".equals(browser.js("return document.documentElement.getAttribute('theme')")));
    }

    private static void fillPrompt(String value) {
        browser.until(d -> Boolean.TRUE.equals(browser.js("""
                const f = document.getElementById('prompt-field');
                if (!f) return false;
                f.value = arguments[0];
                f.dispatchEvent(new Event('change', {bubbles: true}));
                return true;""", value)));
        browser.click("prompt-ok");
    }
}
