package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * State that survives, in a real browser against the distribution: a reload restores the previous upload and
 * view (the server keeps uploads and lists them; the URL holds model, data, missing, year, city and tab); a
 * copied URL reopens the same view in a new browser session; a 100,000-replication uncertainty run shows a
 * progress bar with an estimate while Run is disabled, and Cancel stops it. Method names are chosen from the
 * lists the server provides. No wall-clock assertions: every wait is a hang guard.
 */
class StateBrowserTest {
    static Process server;
    static String base;
    static ChromeDriver browser;
    static Path shots;

    @BeforeAll
    static void start() throws Exception {
        Dist.Served served = Dist.serve(Dist.home(), null);
        server = served.process();
        base = served.base();
        browser = Browser.start();
        shots = Paths.get("target/screenshots").toAbsolutePath();
        Files.createDirectories(shots);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.destroy();
            server.waitFor(Waits.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static WebDriverWait waiting(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, Waits.HANG_GUARD);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static void ready(WebDriver d) {
        waiting(d).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    static String selected(WebDriver d, String id) {
        return new Select(d.findElement(By.id(id))).getFirstSelectedOption().getAttribute("value");
    }

    static List<String> rows(WebDriver d) {
        return d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).stream()
                .map(e -> e.getAttribute("data-adcode")).toList();
    }

    static void shot(String name) throws Exception {
        Files.write(shots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aReloadRestoresThePreviousUploadAndView(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state-kept.csv");
        Files.writeString(file, "city,digital_support,network_governance,intelligent_leadership,integrated_innovation\n"
                + "杭州,24.3,26.7,14.4,17.2\n北京,26.2,25.2,17.2,17.1\n上海,25.0,25.5,16.0,17.0\n", StandardCharsets.UTF_8);
        browser.get(base + "/?model=guomai-psdf-2024#upload");
        ready(browser);
        browser.findElement(By.id("upload")).sendKeys(file.toString());
        waiting(browser).until(d -> "upload".equals(selected(d, "source")) && rows(d).size() == 3);
        browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).click();
        waiting(browser).until(d -> d.getCurrentUrl().contains("city=330100"));
        String url = browser.getCurrentUrl();
        assertTrue(url.contains("model=guomai-psdf-2024") && url.contains("data=dataset%3A") && url.endsWith("#evaluation"),
                url);
        List<String> before = rows(browser);

        browser.navigate().refresh();
        ready(browser);
        waiting(browser).until(d -> rows(d).size() == 3);
        assertEquals("upload", selected(browser, "source"));
        String option = new Select(browser.findElement(By.id("source"))).getFirstSelectedOption().getText();
        assertTrue(option.contains("state-kept.csv"), option);
        assertEquals(before, rows(browser));
        waiting(browser).until(d -> d.findElement(By.id("city-profile")).isDisplayed());
        assertEquals("330100", browser.findElement(By.id("city-profile")).getAttribute("data-adcode"));
        assertEquals(url, browser.getCurrentUrl());
        // the upload tab lists what the server keeps
        browser.findElement(By.id("tab-upload")).click();
        String kept = browser.findElement(By.id("kept-uploads")).getText();
        assertTrue(kept.contains("state-kept.csv"), kept);
        shot("state-1-reloaded");
    }

    @Test
    void aCopiedUrlReopensTheSameViewInANewBrowser() throws Exception {
        browser.get(base + "/?model=ccid-digital-city-2020#evaluation");
        ready(browser);
        waiting(browser).until(d -> d.findElements(By.cssSelector("#source option[value='pack:china-cities']")).size() == 1);
        new Select(browser.findElement(By.id("source"))).selectByValue("pack:china-cities");
        new Select(browser.findElement(By.id("missing"))).selectByValue("renormalise");
        browser.findElement(By.id("run-evaluation")).click();
        waiting(browser).until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode='330100']")).size() == 1);
        waiting(browser).until(d -> "ready".equals(d.findElement(By.id("eval-status")).getAttribute("data-state")));
        // the year selector is refilled when the panel arrives: read and choose it afresh until it holds
        String chosenYear = waiting(browser).until(d -> {
            WebElement y = d.findElement(By.id("year"));
            List<WebElement> options = new Select(y).getOptions();
            if (!y.isEnabled() || options.size() <= 2) {
                return "";
            }
            String v = options.get(2).getAttribute("value");
            new Select(y).selectByValue(v);
            return v;
        });
        if (!chosenYear.isEmpty()) {
            String y = chosenYear;
            waiting(browser).until(d -> d.getCurrentUrl().contains("year=" + y));
        }
        waiting(browser).until(d -> {
            d.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).click();
            return true;
        });
        waiting(browser).until(d -> d.getCurrentUrl().contains("city=330100"));
        String url = browser.getCurrentUrl();
        assertTrue(url.contains("model=ccid-digital-city-2020") && url.contains("data=pack%3Achina-cities")
                && url.contains("missing=renormalise") && url.endsWith("#evaluation"), url);
        List<String> ranking = rows(browser);

        ChromeDriver other = Browser.start();
        try {
            other.get(url);
            ready(other);
            waiting(other).until(d -> rows(d).size() == ranking.size());
            assertEquals("ccid-digital-city-2020", selected(other, "model"));
            assertEquals("pack:china-cities", selected(other, "source"));
            assertEquals("renormalise", selected(other, "missing"));
            assertEquals(chosenYear, selected(other, "year"));
            assertEquals(ranking, rows(other));
            waiting(other).until(d -> d.findElement(By.id("city-profile")).isDisplayed());
            assertEquals("330100", other.findElement(By.id("city-profile")).getAttribute("data-adcode"));
            assertTrue(other.findElement(By.id("view-evaluation")).isDisplayed());
            assertEquals(url, other.getCurrentUrl());
        } finally {
            other.quit();
        }
    }

    @Test
    void aLongUncertaintyRunShowsProgressAndCanBeCancelled() throws Exception {
        browser.get(base + "/?model=guomai-psdf-2024#uncertainty");
        ready(browser);
        String model = browser.findElement(By.id("unc-model")).getText();
        assertTrue(model.contains("guomai-psdf-2024"), model);
        // method names come from the server's lists
        List<String> norms = new Select(browser.findElement(By.id("unc-normalise"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList();
        assertTrue(norms.contains("min-max") && norms.contains("rank"), norms.toString());
        assertTrue(new Select(browser.findElement(By.id("unc-aggregate"))).getOptions().stream()
                .anyMatch(o -> "geometric".equals(o.getAttribute("value"))));
        waiting(browser).until(d -> d.findElements(By.cssSelector("#unc-source option[value='pack:china-cities']")).size() == 1);
        new Select(browser.findElement(By.id("unc-source"))).selectByValue("pack:china-cities");
        new Select(browser.findElement(By.id("unc-missing"))).selectByValue("renormalise");
        WebElement reps = browser.findElement(By.id("unc-replications"));
        reps.clear();
        reps.sendKeys("100000");
        browser.findElement(By.id("unc-run")).click();
        waiting(browser).until(d -> "error".equals(d.findElement(By.id("unc-status")).getAttribute("data-state"))
                || d.findElement(By.id("unc-job")).isDisplayed()
                && "RUNNING".equals(d.findElement(By.id("unc-job")).getAttribute("data-state"))
                && Long.parseLong(d.findElement(By.id("unc-job")).getAttribute("data-done")) > 0);
        assertFalse("error".equals(browser.findElement(By.id("unc-status")).getAttribute("data-state")),
                browser.findElement(By.id("unc-status")).getText());
        assertFalse(browser.findElement(By.id("unc-run")).isEnabled(), "Run stays enabled while busy");
        String eta = browser.findElement(By.id("unc-eta")).getText();
        assertTrue(eta.contains("/ 100000"), eta);
        shot("state-2-progress");
        browser.findElement(By.id("unc-cancel")).click();
        waiting(browser).until(d -> d.findElement(By.id("unc-run")).isEnabled());
        assertFalse(browser.findElement(By.id("unc-job")).isDisplayed());
        String status = browser.findElement(By.id("unc-status")).getText();
        assertTrue(status.contains("已取消"), status);
    }
}
