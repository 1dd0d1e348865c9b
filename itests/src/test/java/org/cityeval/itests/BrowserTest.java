package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against {@code cityeval serve} on 127.0.0.1, used as a person
 * would: choose a model, see the ranking, open a city profile, upload a good and a bad file. Screenshots of
 * each view go to target/screenshots (and to docs/screenshots when -Dcityeval.screenshots=docs, which
 * scripts/screenshots.sh sets). Also: the HTML report opened offline draws its charts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    static BrowserFixture fixture;
    static Process server;
    static String base;
    static ChromeDriver browser;
    static Path shots;

    @BeforeAll
    static void start() throws Exception {
        fixture = BrowserFixture.start(true);
        server = fixture.server;
        base = fixture.base;
        browser = fixture.browser;
        shots = fixture.shots;
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Waits (hang guard only); an element the page re-rendered meanwhile is looked up again, not an error. */
    static WebDriverWait waiting() {
        return fixture.waiting();
    }

    static void screenshot(String name) throws Exception {
        fixture.screenshot(name);
    }

    static void ready() {
        fixture.ready();
    }

    @Test
    @Order(1)
    void modelBrowserShowsTheTreeWithWeightsAndProvenance() throws Exception {
        browser.get(base + "/");
        ready();
        new Select(browser.findElement(By.id("model"))).selectByValue("guomai-psdf-2024");
        waiting().until(d -> d.findElement(By.id("chart-tree")).getAttribute("data-rendered") != null);
        String tree = browser.findElement(By.id("tree-table")).getAttribute("textContent");
        assertTrue(tree.contains("数字化支撑力") && (tree.contains("published") || tree.contains("公布")), tree);
        assertTrue(tree.contains("assumed") || tree.contains("假定"), "assumed weights are marked: " + tree);
        screenshot("1-model-browser");
    }

    @Test
    @Order(2)
    void evaluationShowsTheRankingAndAProfileOpensForACity() throws Exception {
        browser.get(base + "/?model=guomai-psdf-2024#evaluation");
        ready();
        browser.findElement(By.id("run-evaluation")).click();
        waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() >= 104);
        List<WebElement> rows = browser.findElements(By.cssSelector("table#ranking tr[data-adcode]"));
        assertEquals("110000", rows.get(0).getAttribute("data-adcode"), "北京市 ranks first");
        // the coverage badge beside the totals: the reference data back the whole model, tiers assigned
        WebElement badge = browser.findElement(By.cssSelector("[data-testid=coverage-badge]"));
        assertTrue(badge.getText().contains("100%"), badge.getText());
        assertFalse(badge.getAttribute("class").contains("low"), badge.getAttribute("class"));
        waiting().until(d -> d.findElement(By.id("chart-level1")).getAttribute("data-rendered") != null);
        waiting().until(d -> d.findElement(By.id("chart-map")).getAttribute("data-rendered") != null);
        screenshot("2-evaluation");

        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("杭州");
        waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).stream()
                .filter(WebElement::isDisplayed).count() == 1);
        browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).click();
        waiting().until(d -> d.findElement(By.id("city-profile")).isDisplayed());
        waiting().until(d -> d.findElement(By.id("chart-radar")).getAttribute("data-rendered") != null);
        String profile = browser.findElement(By.id("profile-table")).getText();
        assertTrue(profile.contains("guomai-psdf-2024") || profile.contains("PSDF") || profile.contains("国脉"), profile);
        screenshot("3-city-profile");
    }

    @Test
    @Order(3)
    void comparisonOfThePublishedRankings() throws Exception {
        browser.get(base + "/#comparison");
        ready();
        browser.findElement(By.id("compare-published")).click();
        waiting().until(d -> d.findElement(By.id("chart-heatmap")).getAttribute("data-rendered") != null);
        String spearman = browser.findElement(By.cssSelector("#compare-pairs td[data-testid=spearman]")).getText();
        assertTrue(spearman.startsWith("0.8"), spearman);
        screenshot("4-comparison");
    }

    @Test
    @Order(4)
    void uploadOfAGoodAndABadFile(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "city,digital_support,network_governance,intelligent_leadership,integrated_innovation\n"
                + "杭州,24.3,26.7,14.4,17.2\n北京,26.2,25.2,17.2,17.1\n", StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "city,digital_support,network_governance\n杭州,24.3,abc\n", StandardCharsets.UTF_8);

        browser.get(base + "/?model=guomai-psdf-2024#upload");
        ready();
        browser.findElement(By.id("upload")).sendKeys(good.toString());
        // a good file switches to the evaluation of the chosen model on it: two cities, 北京 first
        waiting().until(d -> "upload".equals(new Select(d.findElement(By.id("source"))).getFirstSelectedOption()
                .getAttribute("value")));
        waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() == 2);
        assertEquals("110000", browser.findElements(By.cssSelector("table#ranking tr[data-adcode]")).get(0)
                .getAttribute("data-adcode"));
        screenshot("5-upload-good");

        browser.get(base + "/?model=guomai-psdf-2024#upload");
        ready();
        browser.findElement(By.id("upload")).sendKeys(bad.toString());
        waiting().until(d -> !d.findElement(By.id("upload-error")).getText().isBlank());
        String error = browser.findElement(By.id("upload-error")).getText();
        assertTrue(error.contains("bad.csv:2:3") && (error.contains("not a number") || error.contains("不是数字")), error);
        screenshot("6-upload-bad");
    }

    @Test
    @Order(5)
    void languageSwitchesToEnglish() throws Exception {
        browser.get(base + "/");
        ready();
        String before = browser.findElement(By.id("tab-evaluation")).getText();
        browser.findElement(By.id("lang-toggle")).click();
        waiting().until(d -> !d.findElement(By.id("tab-evaluation")).getText().equals(before));
        screenshot("7-english");
    }

    @Test
    @Order(6)
    void theHtmlReportOpensOfflineAndDrawsItsCharts(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.html");
        Dist.Run run = Dist.cityeval(dir, "report", "--model", "guomai-psdf-2024,ccid-digital-city-2020", "--out",
                report.toString());
        assertEquals(0, run.exit(), run.err());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(!html.matches("(?s).*<script[^>]+src=.*") && !html.matches("(?s).*<link[^>]+href=\"http.*"),
                "no external scripts or stylesheets");
        browser.get(report.toUri().toString());
        waiting().until(d -> d.findElement(By.tagName("body")).getAttribute("data-charts") != null);
        int charts = Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-charts"));
        assertTrue(charts >= 3, charts + " charts");
        Long canvases = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('canvas, svg').length");
        assertTrue(canvases >= 3, canvases + " drawn charts");
        screenshot("8-html-report");
    }

    @Test
    @Order(7)
    void variablesViewListsEveryCatalogueVariableWithAFilterAndFitsAPhone() throws Exception {
        java.util.Set<String> declared = VariablesSmokeTest.declaredIds();
        browser.get(base + "/?lang=zh#variables"); // an earlier test left English chosen
        ready();
        waiting().until(d -> d.findElements(By.cssSelector("#variables-table tr[data-variable]")).size() == declared.size());
        java.util.Set<String> shown = new java.util.TreeSet<>();
        browser.findElements(By.cssSelector("#variables-table tr[data-variable]")).forEach(r -> shown.add(r.getAttribute("data-variable")));
        assertEquals(declared, shown, "the view lists the china-cities pack's catalogue");
        String gdp = browser.findElement(By.cssSelector("#variables-table tr[data-variable=gdp_100m_yuan]")).getText();
        assertTrue(gdp.contains("地区生产总值") && gdp.contains("Gross domestic product") && gdp.contains("亿元")
                && gdp.contains("2019–2023"), gdp);

        WebElement filter = browser.findElement(By.id("variables-filter"));
        filter.sendKeys("co2");
        waiting().until(d -> d.findElements(By.cssSelector("#variables-table tr[data-variable]")).size() == 2);
        assertTrue(browser.findElement(By.id("variables-count")).getText().equals("2 / " + declared.size() + " 个变量"),
                browser.findElement(By.id("variables-count")).getText());

        // a phone: 360 CSS pixels wide; the page does not scroll sideways (the table scrolls in its own box)
        // (the viewport through DevTools: a headless window may not shrink below the platform's minimum)
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        try {
            filter.clear();
            filter.sendKeys("人口");
            waiting().until(d -> d.findElements(By.cssSelector("#variables-table tr[data-variable]")).size() >= 2);
            assertEquals(360L, ((JavascriptExecutor) browser).executeScript("return window.innerWidth"));
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a 360 px screen");
            screenshot("9-variables-360");
            browser.findElement(By.id("lang-toggle")).click();
            waiting().until(d -> d.findElement(By.id("tab-variables")).getText().equals("Variables"));
            String header = browser.findElement(By.cssSelector("#variables-table thead")).getText();
            assertTrue(header.contains("English name") && header.contains("Coverage"), header);
            browser.findElement(By.id("lang-toggle")).click();
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    @Test
    @Order(8)
    void aPackWithYearsGetsAYearSelectorAndRankTrajectories() throws Exception {
        browser.get(base + "/?lang=zh&model=ccid-digital-city-2020#evaluation");
        ready();
        new Select(browser.findElement(By.id("source"))).selectByValue("pack:china-cities");
        waiting().until(d -> d.findElement(By.id("missing")).isEnabled());
        new Select(browser.findElement(By.id("missing"))).selectByValue("renormalise");
        // the pack's five years, latest first, after the default "latest year"
        waiting().until(d -> d.findElements(By.cssSelector("#year option")).size() == 6);
        assertTrue(browser.findElement(By.id("year")).isEnabled());
        waiting().until(d -> d.findElement(By.id("chart-trajectory")).getAttribute("data-rendered") != null);
        assertTrue(browser.findElement(By.id("trajectory")).isDisplayed());
        // the trajectory chart is redrawn in the other language when it is switched (its axis says 排名, then Rank)
        String axis = "return echarts.getInstanceByDom(document.getElementById('chart-trajectory')).getOption().yAxis[0].name";
        assertEquals("排名", ((JavascriptExecutor) browser).executeScript(axis));
        browser.findElement(By.id("lang-toggle")).click();
        waiting().until(d -> "Rank".equals(((JavascriptExecutor) d).executeScript(axis)));
        browser.findElement(By.id("lang-toggle")).click();
        waiting().until(d -> "排名".equals(((JavascriptExecutor) d).executeScript(axis)));
        new Select(browser.findElement(By.id("year"))).selectByValue("2021");
        waiting().until(d -> d.findElement(By.id("eval-summary")).getText().contains("2021"));
        waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() > 300);
        // the evaluation's report download carries the panel (the workbook's Panel sheet, the HTML trajectories)
        ((JavascriptExecutor) browser).executeScript("window.__reports = []; var f = window.fetch;"
                + "window.fetch = function (u, o) { if (String(u).indexOf('api/report') === 0) {"
                + " window.__reports.push(o && o.body); } return f.apply(this, arguments); };");
        browser.findElement(By.id("download-xlsx")).click();
        waiting().until(d -> !"loading".equals(d.findElement(By.id("report-status")).getAttribute("data-state")));
        assertEquals("ready", browser.findElement(By.id("report-status")).getAttribute("data-state"),
                browser.findElement(By.id("report-status")).getText());
        String sent = String.valueOf(((JavascriptExecutor) browser).executeScript("return window.__reports[0]"));
        assertTrue(sent.contains("\"years\":\"all\"") && sent.contains("\"normalise\":\"panel\""), sent);
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        try {
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a 360 px screen");
            screenshot("10-year-selector-360");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
        // the reference data have no years: the selector offers only the latest
        new Select(browser.findElement(By.id("source"))).selectByValue("reference");
        waiting().until(d -> !d.findElement(By.id("year")).isEnabled());
        assertFalse(browser.findElement(By.id("trajectory")).isDisplayed());
    }

    @Test
    @Order(9)
    void statisticsViewDrawsTheCorrelationHeatmapOfASeedModel() throws Exception {
        browser.get(base + "/?lang=zh&model=ccid-digital-city-2020#statistics");
        ready();
        // the first pack, missing data renormalised, the root: CCID 2020's six domains (docs/analysis.md example 6)
        waiting().until(d -> d.findElement(By.id("chart-stats-heatmap")).getAttribute("data-rendered") != null);
        String summary = browser.findElement(By.id("stats-summary")).getText();
        // alpha 0.736 before the pack backed digital_innovation (本科 institutions per 10,000, issue 17)
        assertTrue(summary.startsWith("total：6 个子指标") && summary.contains("Cronbach α = 0.729"), summary);
        assertEquals(6, browser.findElements(By.cssSelector("#stats-table tr[data-child]")).size());
        String economy = browser.findElement(By.cssSelector("#stats-table tr[data-child=digital_economy]")).getText();
        // r with digital_livelihood and digital_foundation; digital_government has no data on the pack
        assertTrue(economy.contains("0.79") && economy.contains("0.53") && economy.contains("—"), economy);
        String government = browser.findElement(By.cssSelector("#stats-table tr[data-child=digital_government]")).getText();
        assertFalse(government.contains("1.00"), "no data, no correlation, not even with itself: " + government);
        assertTrue(browser.findElement(By.id("stats-pca")).getText().startsWith("主成分"),
                browser.findElement(By.id("stats-pca")).getText());
        new Select(browser.findElement(By.id("stats-kind"))).selectByValue("spearman");
        waiting().until(d -> "spearman".equals(d.findElement(By.id("chart-stats-heatmap")).getAttribute("data-kind")));
        assertEquals("ρ", browser.findElement(By.cssSelector("#stats-table thead th")).getText());
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        try {
            ((JavascriptExecutor) browser).executeScript("window.dispatchEvent(new Event('resize'))");
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a 360 px screen");
            screenshot("11-statistics-360");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
        browser.findElement(By.id("lang-toggle")).click();
        waiting().until(d -> d.findElement(By.id("tab-statistics")).getText().equals("Statistics"));
        waiting().until(d -> d.findElement(By.id("stats-summary")).getText().contains("Cronbach's alpha = 0.729"));
        browser.findElement(By.id("lang-toggle")).click();
    }
}
