package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard says where a city's raw values came from: on a data pack, each strength and weakness of the city
 * profile has its value's source as the value cell's tooltip (GET /api/provenance): the input, the cell of the
 * pack's file, the variable the leaf reads.
 */
class ProvenanceBrowserTest {
    static BrowserFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = BrowserFixture.start(false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aStrengthsValueCellSaysWhichFileAndCellItCameFrom() throws Exception {
        ChromeDriver browser = fixture.browser;
        browser.get(fixture.base + "/?model=ccid-digital-city-2020#evaluation");
        fixture.waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        fixture.waiting().until(d -> d.findElements(By.cssSelector("#source option[value='pack:china-cities']")).size() == 1);
        new Select(browser.findElement(By.id("source"))).selectByValue("pack:china-cities");
        new Select(browser.findElement(By.id("missing"))).selectByValue("renormalise");
        browser.findElement(By.id("run-evaluation")).click();
        fixture.waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode='330100']")).size() == 1);
        browser.findElement(By.id("search")).sendKeys("杭州");
        fixture.waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).stream()
                .filter(WebElement::isDisplayed).count() == 1);
        browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).click();
        fixture.waiting().until(d -> !d.findElements(By.cssSelector(
                "#profile-strengths tr[data-indicator='mobile_internet'] td[data-source]")).isEmpty());
        String title = browser.findElement(By.cssSelector(
                "#profile-strengths tr[data-indicator='mobile_internet'] td[data-source]")).getAttribute("title");
        List<String> lines = Files.readAllLines(Dist.repo().resolve(
                "bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"));
        int row = lines.indexOf(lines.stream().filter(l -> l.startsWith("330100,2023,")).findFirst().orElseThrow()) + 1;
        int column = List.of(lines.get(0).split(",")).indexOf("coverage_breadth") + 1;
        assertEquals("coverage_breadth: pack:china-cities " + (char) ('A' + column - 1) + row, title);
    }
}
