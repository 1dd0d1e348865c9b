package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard on a phone (390×844) and a laptop (1440×900), in Chinese and in English: on every tab the page
 * does not scroll sideways, the header's controls and every tab are on screen, and axe-core (WCAG 2 A/AA) finds
 * no critical or serious violation; the tabs work from the keyboard; the favicon is served; a downloaded report
 * is named after model, data and date.
 */
class LayoutA11yBrowserTest {
    static final List<String> TABS = List.of("models", "evaluation", "comparison", "uncertainty", "upload", "variables",
            "statistics");
    /** The phone views scripts/screenshots.sh puts in docs/screenshots. */
    static final List<String> DOCS_PHONE = List.of("zh-evaluation", "en-comparison", "en-models");
    static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start(false, 1600, 1100); // room for the 1440×900 viewport
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @ParameterizedTest(name = "{0} at {1}×{2}")
    @CsvSource({ "zh, 390, 844", "en, 390, 844", "zh, 1440, 900", "en, 1440, 900" })
    void everyTabFitsTheScreenAndPassesAxe(String lang, int width, int height) throws Exception {
        fx.viewport(width, height);
        try {
            fx.browser.get("about:blank"); // a new page load, not a jump to #models inside the last one
            fx.browser.get(fx.base + "/?lang=zh&model=guomai-psdf-2024#models");
            fx.ready();
            if (lang.equals("en")) { // the language button, as a user switches
                fx.browser.findElement(By.id("lang-toggle")).click();
            }
            fx.waiting().until(d -> d.findElement(By.tagName("html")).getAttribute("lang").startsWith(lang));
            assertEquals((long) width, ((Number) fx.browser.executeScript("return window.innerWidth")).longValue());
            List<String> problems = new ArrayList<>();
            for (String tab : TABS) {
                WebElement button = fx.browser.findElement(By.id("tab-" + tab));
                problems.addAll(offScreen(tab, List.of("model", "lang-toggle", "tab-" + tab)));
                button.click();
                fx.waiting().until(d -> d.findElement(By.id("view-" + tab)).isDisplayed());
                populate(tab);
                long overflow = fx.overflow();
                if (overflow > 0) {
                    problems.add(tab + ": the page is " + overflow + " px wider than the screen; too wide: "
                            + fx.overflowing());
                }
                fx.axeCriticalAndSerious().forEach(v -> problems.add(tab + ": axe " + v));
                fx.screenshot("a11y-" + lang + "-" + width + "-" + tab);
                if (width == BrowserFixture.PHONE[0] && DOCS_PHONE.contains(lang + "-" + tab)) {
                    fx.docsScreenshot("11-phone-" + lang + "-" + tab);
                }
            }
            assertTrue(problems.isEmpty(), lang + " at " + width + "×" + height + ":\n" + String.join("\n", problems));
        } finally {
            fx.clearViewport();
        }
    }

    /** The ids whose element is not wholly inside the window horizontally (so a user cannot see or reach it). */
    @SuppressWarnings("unchecked")
    static List<String> offScreen(String tab, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> r = (Map<String, Object>) fx.browser.executeScript(
                    "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                            + "return {left: r.left, right: r.right, w: window.innerWidth};", id);
            double left = ((Number) r.get("left")).doubleValue();
            double right = ((Number) r.get("right")).doubleValue();
            double w = ((Number) r.get("w")).doubleValue();
            if (left < 0 || right > w + 0.5) {
                out.add(tab + ": #" + id + " is off screen (" + Math.round(left) + "–" + Math.round(right) + " of " + w + ")");
            }
        }
        return out;
    }

    /** Fills the tab as a user would before looking at it: results, charts and their text tables. */
    static void populate(String tab) {
        switch (tab) {
            case "models" -> fx.waiting().until(d -> d.findElement(By.id("chart-tree")).getAttribute("data-rendered") != null);
            case "evaluation" -> {
                fx.waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() >= 104);
                fx.waiting().until(d -> d.findElement(By.id("chart-level1")).getAttribute("data-rendered") != null);
                fx.browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).click();
                fx.waiting().until(d -> d.findElement(By.id("chart-radar")).getAttribute("data-rendered") != null);
            }
            case "comparison" -> {
                fx.browser.findElement(By.id("compare-published")).click();
                fx.waiting().until(d -> d.findElement(By.id("chart-heatmap")).getAttribute("data-rendered") != null
                        && d.findElement(By.id("chart-bump")).getAttribute("data-rendered") != null);
            }
            case "statistics" -> fx.waiting().until(
                    d -> d.findElement(By.id("chart-stats-heatmap")).getAttribute("data-rendered") != null);
            case "variables" -> fx.waiting().until(
                    d -> d.findElements(By.cssSelector("#variables-table tr[data-variable]")).size() > 10);
            default -> {
                // uncertainty and upload: their forms
            }
        }
        // every drawn chart has its data as a text table for screen readers and keyboard users
        fx.waiting().until(d -> d.findElements(By.cssSelector(".view:not([hidden]) .chart[data-rendered]")).stream()
                .allMatch(c -> !d.findElements(By.cssSelector("[data-chart-table='" + c.getAttribute("id") + "'] tbody tr"))
                        .isEmpty()));
    }

    @Test
    void theTabsAreATablistTheArrowKeysMove() {
        fx.browser.get("about:blank");
        fx.browser.get(fx.base + "/?lang=zh#models");
        fx.ready();
        WebElement models = fx.browser.findElement(By.id("tab-models"));
        assertEquals("true", models.getAttribute("aria-selected"));
        assertEquals("view-models", models.getAttribute("aria-controls"));
        assertEquals("tab-models", fx.browser.findElement(By.id("view-models")).getAttribute("aria-labelledby"));
        assertEquals("-1", fx.browser.findElement(By.id("tab-upload")).getAttribute("tabindex"), "one tab stop");
        models.sendKeys(Keys.ARROW_RIGHT);
        fx.waiting().until(d -> d.findElement(By.id("view-evaluation")).isDisplayed());
        assertEquals("tab-evaluation", fx.browser.switchTo().activeElement().getAttribute("id"));
        assertEquals("true", fx.browser.findElement(By.id("tab-evaluation")).getAttribute("aria-selected"));
        fx.browser.switchTo().activeElement().sendKeys(Keys.END);
        fx.waiting().until(d -> d.findElement(By.id("view-variables")).isDisplayed());
        fx.browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT); // wraps round
        fx.waiting().until(d -> d.findElement(By.id("view-models")).isDisplayed());
        fx.browser.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        fx.waiting().until(d -> d.findElement(By.id("view-variables")).isDisplayed());
        assertEquals("tab-variables", fx.browser.switchTo().activeElement().getAttribute("id"));
    }

    /** The audit is not vacuous: an unlabelled field and a pale text added to the page are found. */
    @Test
    void axeFindsAnUnlabelledFieldAndPaleText() throws Exception {
        fx.browser.get("about:blank");
        fx.browser.get(fx.base + "/?lang=zh#upload");
        fx.ready();
        fx.browser.executeScript("var p = document.querySelector('#view-upload .panel');"
                + "var i = document.createElement('input'); i.type = 'text'; i.id = 'axe-probe'; p.appendChild(i);"
                + "var s = document.createElement('span'); s.id = 'axe-pale'; s.textContent = 'pale'; s.style.color = '#ccc'; p.appendChild(s);");
        String found = String.join("\n", fx.axeCriticalAndSerious());
        assertTrue(found.contains("#axe-probe") && found.contains("label"), found);
        assertTrue(found.contains("color-contrast") && found.contains("#axe-pale"), found);
    }

    @Test
    void theFaviconIsServedAndLinked() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> ico = http.send(HttpRequest.newBuilder(URI.create(fx.base + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ico.statusCode());
        assertTrue(ico.body().length > 0 && ico.headers().firstValue("Content-Type").orElse("").startsWith("image/"),
                ico.headers().toString());
        fx.browser.get(fx.base + "/");
        fx.ready();
        @SuppressWarnings("unchecked")
        List<String> icons = (List<String>) fx.browser.executeScript(
                "return Array.prototype.map.call(document.querySelectorAll('link[rel~=icon]'), function (l) { return l.href; })");
        assertTrue(!icons.isEmpty(), "the page links its icon");
        for (String icon : icons) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(icon)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), icon);
        }
    }

    @Test
    void aDownloadIsNamedAfterModelDataAndDate() throws Exception {
        LocalDate before = LocalDate.now();
        // the server's Content-Disposition
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(fx.base + "/api/report?format=xlsx")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"models\": [\"ccid-digital-city-2020\"], \"pack\": \"china-cities\","
                        + " \"missing\": \"renormalise\"}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        String disposition = r.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(dated(disposition, "attachment; filename=\"ccid-digital-city-2020_china-cities_%s.xlsx\"", before),
                disposition);

        // the dashboard's link: the file a click saves (the anchor's download name, caught before it navigates)
        fx.browser.get("about:blank");
        fx.browser.get(fx.base + "/?lang=zh&model=guomai-psdf-2024#evaluation");
        fx.ready();
        fx.waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() >= 104);
        fx.browser.executeScript("window.__saved = []; HTMLAnchorElement.prototype.click = function () {"
                + " if (this.hasAttribute('download')) { window.__saved.push(this.getAttribute('download')); } };");
        fx.browser.findElement(By.id("download-html")).click();
        fx.waiting().until(d -> !((List<?>) fx.browser.executeScript("return window.__saved")).isEmpty());
        String saved = String.valueOf(((List<?>) fx.browser.executeScript("return window.__saved")).get(0));
        assertTrue(dated(saved, "guomai-psdf-2024_reference_%s.html", before), saved);
    }

    /** Whether {@code actual} is {@code pattern} with the day of {@code before} or of today (a run over midnight). */
    static boolean dated(String actual, String pattern, LocalDate before) {
        return actual.equals(String.format(pattern, before)) || actual.equals(String.format(pattern, LocalDate.now()));
    }
}
