package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's city profile as a user sees it, served by the distribution in a real browser: on a data pack
 * the profile shows the city's rank in its province, ranks "of N" per node and its strengths and weaknesses, in
 * Chinese and English, and the page does not scroll sideways on a 360 px phone.
 */
class ProfileBrowserTest {
    static BrowserFixture fixture;
    static String base;
    static ChromeDriver browser;
    static Path shots;

    @BeforeAll
    static void start() throws Exception {
        fixture = BrowserFixture.start(false);
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

    static WebDriverWait waiting() {
        return fixture.waiting();
    }

    @Test
    void aCityProfileShowsProvinceRankRanksOfNStrengthsAndWeaknesses() throws Exception {
        browser.get(base + "/?model=ccid-digital-city-2020#evaluation");
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        waiting().until(d -> d.findElements(By.cssSelector("#source option[value='pack:china-cities']")).size() == 1);
        new Select(browser.findElement(By.id("source"))).selectByValue("pack:china-cities");
        new Select(browser.findElement(By.id("missing"))).selectByValue("renormalise");
        browser.findElement(By.id("run-evaluation")).click();
        waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode='330100']")).size() == 1);
        browser.findElement(By.id("search")).sendKeys("杭州");
        waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).stream()
                .filter(WebElement::isDisplayed).count() == 1);
        browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).click();
        waiting().until(d -> d.findElement(By.id("profile-detail")).isDisplayed());
        waiting().until(d -> !d.findElements(By.cssSelector("#profile-strengths tbody tr")).isEmpty());
        String summary = browser.findElement(By.id("profile-summary")).getText();
        assertTrue(summary.contains("浙江省内排名") && summary.contains("/ 11"), summary);
        String nodes = browser.findElement(By.id("profile-nodes")).getText();
        assertTrue(nodes.contains("数字基础") && nodes.contains("/ 330"), nodes);
        String strengths = browser.findElement(By.id("profile-strengths")).getText();
        assertTrue(strengths.contains("移动互联网"), strengths);
        assertTrue(!browser.findElements(By.cssSelector("#profile-weaknesses tbody tr")).isEmpty());

        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        try {
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a 360 px screen");
            Files.write(shots.resolve("profile-360.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.id("lang-toggle")).click();
            waiting().until(d -> "Strengths".equals(d.findElement(
                    By.cssSelector("#profile-detail h4[data-i18n=strengths]")).getAttribute("textContent")));
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }
}
