package org.cityeval.itests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every browser test sets up: {@code cityeval serve} from the unpacked distribution on 127.0.0.1, a headless
 * Chromium ({@link Browser}) and a folder for screenshots; with the helpers they share: waiting (for events, hang
 * guard only), a phone or wide viewport, the page's horizontal overflow and an axe-core audit.
 */
final class BrowserFixture implements AutoCloseable {
    /** A phone (an iPhone 12–15's CSS viewport) and a laptop screen. */
    static final int[] PHONE = { 390, 844 };
    static final int[] WIDE = { 1440, 900 };

    final Process server;
    final String base;
    final ChromeDriver browser;
    final Path shots;

    private BrowserFixture(Process server, String base, ChromeDriver browser, Path shots) {
        this.server = server;
        this.base = base;
        this.browser = browser;
        this.shots = shots;
    }

    /**
     * Serves the full distribution and starts the browser; screenshots go to target/screenshots, or to
     * docs/screenshots when {@code docs} and -Dcityeval.screenshots=docs (scripts/screenshots.sh) are both given.
     */
    static BrowserFixture start(boolean docs) throws Exception {
        return start(docs, 1400, 1000);
    }

    /** As {@link #start(boolean)}, in a window of this size (at least as large as any {@link #viewport} used). */
    static BrowserFixture start(boolean docs, int width, int height) throws Exception {
        Dist.Served served = Dist.serve(Dist.home(), null);
        ChromeDriver browser;
        try {
            browser = Browser.start(width, height);
        } catch (Exception | Error e) {
            served.process().destroy();
            throw e;
        }
        Path shots = docs && "docs".equals(System.getProperty("cityeval.screenshots"))
                ? Dist.repo().resolve("docs/screenshots") : Paths.get("target/screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        return new BrowserFixture(served.process(), served.base(), browser, shots);
    }

    @Override
    public void close() throws Exception {
        try {
            browser.quit();
        } finally {
            server.destroy();
            server.waitFor(Waits.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits up to the hang guard; an element the page re-rendered meanwhile is looked up again, not an error. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Waits.HANG_GUARD);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits for the dashboard's first render ({@code body[data-ready=true]}). */
    void ready() {
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    void screenshot(String name) throws Exception {
        Files.write(shots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** A screenshot for docs/screenshots, taken only when -Dcityeval.screenshots=docs (scripts/screenshots.sh). */
    void docsScreenshot(String name) throws Exception {
        if ("docs".equals(System.getProperty("cityeval.screenshots"))) {
            Path docs = Dist.repo().resolve("docs/screenshots");
            Files.createDirectories(docs);
            Files.write(docs.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    /**
     * The viewport through DevTools (a headless window may not shrink below the platform's minimum); the page
     * sees a {@code resize} as on a real device.
     */
    void viewport(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    void clearViewport() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** How many CSS pixels the page is wider than the window (≤ 0: no horizontal page scroll). */
    long overflow() {
        return ((Number) browser.executeScript(
                "return document.scrollingElement.scrollWidth - window.innerWidth")).longValue();
    }

    /** The elements wider than the window, for an overflow's failure message: tag#id.class and right edge. */
    @SuppressWarnings("unchecked")
    List<String> overflowing() {
        return (List<String>) browser.executeScript("var w = window.innerWidth, out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) {"
                + "  var r = e.getBoundingClientRect();"
                + "  if (r.width > 0 && r.right > w + 1 && !e.closest('.table-scroll, .scroll-x, nav.tabs')) {"
                + "    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right));"
                + "  }"
                + "});"
                + "return out.slice(0, 15);");
    }

    /**
     * Runs axe-core (pinned in itests/package.json, installed by the build; -Dcityeval.axe names the file) on the
     * page for WCAG 2 A and AA, and answers its critical and serious violations, one line each: rule, impact,
     * help and the first offending nodes. The script is injected through WebDriver: the page's own security policy
     * stays as users get it and nothing of axe is served by cityeval.
     */
    List<String> axeCriticalAndSerious() throws Exception {
        if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"))) {
            String property = System.getProperty("cityeval.axe");
            Path axe = property != null ? Path.of(property) : Dist.repo().resolve("itests/node_modules/axe-core/axe.min.js");
            if (!Files.isRegularFile(axe)) {
                throw new AssertionError(axe + " is missing: the itests build installs it (npm ci in itests/)");
            }
            browser.executeScript(Files.readString(axe, StandardCharsets.UTF_8));
        }
        browser.manage().timeouts().scriptTimeout(Waits.HANG_GUARD);
        Object answer = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                + "  resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) { return v.impact === 'critical' || v.impact === 'serious'; })"
                + "    .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.help + ' — '"
                + "      + v.nodes.slice(0, 4).map(function (n) { return n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : ''); }).join('; '); }));"
                + "}, function (e) { done(['axe failed: ' + e]); });");
        List<String> lines = new ArrayList<>();
        for (Object o : (List<?>) answer) {
            lines.add(String.valueOf(o));
        }
        return lines;
    }
}
