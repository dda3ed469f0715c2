package io.jdfs.console;

import io.jdfs.local.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With a users file the console asks who you are, refuses a wrong password, and keeps viewers read-only. */
class LoginConsoleTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static ConsoleServer console;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir.resolve("cluster"), 1);
        Path users = Files.writeString(dir.resolve("users"), """
                # name:password[:role]
                admin:s3cret:admin
                viewer:sha256:%s:read-only
                """.formatted(io.jdfs.console.auth.UsersTestAccess.sha256("look")));
        console = ConsoleServer.start("127.0.0.1", 0,
                ConsoleSettings.of(cluster.nameServerAddress()).withUsersFile(users).withRefreshMillis(300));
        browser = new Browser("http://127.0.0.1:" + console.port() + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{browser, console, cluster}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @BeforeEach
    void freshSession() {
        browser.driver.manage().deleteAllCookies();
    }

    private static void login(String user, String password) {
        browser.until(d -> Boolean.TRUE.equals(browser.js("""
                const f = document.getElementById('login-form');
                if (!f) return false;
                f.dispatchEvent(new CustomEvent('login', {detail: {username: arguments[0], password: arguments[1]}}));
                return true;""", user, password)));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        browser.open("servers");
        browser.until(d -> d.getCurrentUrl().endsWith("/login"));
        login("admin", "wrong");
        browser.until(d -> Boolean.TRUE.equals(browser.js("return document.getElementById('login-form').error")));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        assertThat(browser.driver.findElements(org.openqa.selenium.By.id("servers-grid"))).isEmpty();
        browser.screenshot("login-refused");
    }

    @Test
    void aViewerSeesEverythingAndChangesNothing() {
        browser.open("");
        browser.until(d -> d.getCurrentUrl().endsWith("/login"));
        login("viewer", "look");
        browser.until(d -> browser.text("dash-live").equals("1"));
        assertThat(browser.text("access-note")).isEqualTo("viewer (read-only)");
        browser.open("servers");
        browser.until(d -> browser.gridRows("servers-grid").size() == 1);
        Object disabled = browser.js("return [...document.querySelectorAll('#servers-grid vaadin-button[data-server]')]"
                + ".map(b => b.disabled)");
        assertThat(disabled).isEqualTo(List.of(true));
        browser.open("files");
        browser.byId("files-grid");
        assertThat(browser.driver.findElements(org.openqa.selenium.By.id("files-upload"))).as("no upload").isEmpty();
        assertThat(browser.js("return document.getElementById('files-mkdir').disabled")).isEqualTo(true);
    }

    @Test
    void anAdminMayChange() {
        browser.open("");
        login("admin", "s3cret");
        browser.until(d -> browser.text("access-note").equals("admin"));
        browser.open("servers");
        browser.until(d -> browser.gridRows("servers-grid").size() == 1);
        Object disabled = browser.js("return [...document.querySelectorAll('#servers-grid vaadin-button[data-server]')]"
                + ".map(b => b.disabled)");
        assertThat(disabled).isEqualTo(List.of(false));
    }
}
