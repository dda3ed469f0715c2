package io.jdfs.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Debian's headless chromium driven by its chromedriver, with helpers to read Vaadin's shadow DOM. */
final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    private final Path profile;
    final ChromeDriver driver;
    final String base;

    Browser(String base) throws Exception {
        this.base = base;
        this.profile = Files.createTempDirectory("jdfs-console-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
    }

    /** Opens a view and waits until Vaadin has drawn it. */
    void open(String route) {
        driver.get(base + route);
        until(d -> Boolean.TRUE.equals(js("return !!window.Vaadin && !!window.Vaadin.Flow && "
                + "Object.values(window.Vaadin.Flow.clients || {}).every(c => !c.isActive())")));
    }

    /** Waits for the condition; on a timeout saves a screenshot of what the page showed. */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            // polled every 50 ms rather than WebDriverWait's 500 ms, so the load times printed are not rounded up
            return new WebDriverWait(driver, WAIT, java.time.Duration.ofMillis(50)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                screenshot("timeout-" + System.currentTimeMillis());
            } catch (Exception ignored) {
                // the timeout is what matters
            }
            throw e;
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement byId(String id) {
        return until(d -> d.findElement(By.id(id)));
    }

    String text(String id) {
        return byId(id).getText();
    }

    /**
     * The grid's rows as they are drawn, each as the texts of its cells: the cells are slotted
     * into the grid's shadow DOM, so read them through the slots.
     */
    @SuppressWarnings("unchecked")
    List<List<String>> gridRows(String gridId) {
        return (List<List<String>>) js("""
                const g = document.getElementById(arguments[0]);
                if (!g || !g.shadowRoot) return [];
                return [...g.shadowRoot.querySelectorAll('#items tr')]
                  .filter(tr => !tr.hidden && tr.style.display !== 'none')
                  .map(tr => [...tr.querySelectorAll('td')].map(td => {
                     const s = td.querySelector('slot');
                     const els = s ? s.assignedElements() : [];
                     return els.map(e => e.innerText).join('').trim();
                  }))
                  .filter(r => r.some(c => c.length > 0));""", gridId);
    }

    /** The row of a grid whose first cell is {@code first}, or null. */
    List<String> gridRow(String gridId, String first) {
        return gridRows(gridId).stream().filter(r -> !r.isEmpty() && r.get(0).equals(first)).findFirst().orElse(null);
    }

    /** Clicks the cell of a grid that reads {@code text} (selects its row). */
    void clickGridCell(String gridId, String text) {
        WebElement cell = until(d -> (WebElement) js("""
                const g = document.getElementById(arguments[0]);
                for (const tr of g.shadowRoot.querySelectorAll('#items tr')) {
                  for (const td of tr.querySelectorAll('td')) {
                    const s = td.querySelector('slot');
                    for (const e of (s ? s.assignedElements() : [])) {
                      if (e.innerText.trim() === arguments[1]) return e;
                    }
                  }
                }
                return null;""", gridId, text));
        cell.click();
    }

    /** Clicks the confirm button of the open confirmation dialog. */
    void confirmDialog() {
        try {
            until(d -> Boolean.TRUE.equals(js("""
                    const d = [...document.querySelectorAll('vaadin-confirm-dialog')].find(x => x.opened);
                    if (!d) return false;
                    const b = d.querySelector('[slot=confirm-button]')
                        || [...document.querySelectorAll('[slot=confirm-button]')].find(x => x.offsetParent !== null);
                    if (!b) return false;
                    b.click();
                    return true;""")));
        } catch (RuntimeException e) {
            System.out.println("DEBUG dialogs: " + js("return [...document.querySelectorAll('[slot=confirm-button]')]"
                    + ".map(x => x.parentElement.tagName + ' ' + x.outerHTML).join('\\n')"));
            throw e;
        }
    }

    /** Clicks a Vaadin button (by id) once it is enabled. */
    void click(String id) {
        until(d -> Boolean.TRUE.equals(js("""
                const b = document.getElementById(arguments[0]);
                if (!b || b.disabled || b.hasAttribute('disabled')) return false;
                b.click();
                return true;""", id)));
    }

    /** Saves a screenshot under target/console-artifacts. */
    void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("console.artifacts", "target/console-artifacts"));
        Files.createDirectories(dir);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.move(f.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
