package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The study views (issue 15 item 6) in a real browser against the distribution: the comparison's rank scatter
 * (model A against model B, diagonal, the searched city highlighted) with its data table and n beside each
 * statistic; an error clears the previous comparison; the city profile gives each model's rank as "r of N" under
 * its full name; a click on a province of the map (through the chart instance) filters the ranking table, and the
 * chip clears it; the coverage badge stands beside the tiers too. Every wait is a hang guard.
 */
class StudyViewsBrowserTest {
    static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start(false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private void evaluate(String query) {
        fx.browser.get(fx.base + "/" + query + "#evaluation");
        fx.ready();
        fx.browser.findElement(By.id("run-evaluation")).click();
        fx.waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() >= 104);
    }

    private int rows() {
        return fx.browser.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size();
    }

    @Test
    void theScatterIsDrawnWithItsTableAndAnErrorClearsTheComparison() throws Exception {
        evaluate("?model=guomai-psdf-2024");
        fx.browser.findElement(By.id("search")).sendKeys("杭州");
        fx.waiting().until(d -> rows() == 1);
        fx.browser.findElement(By.id("tab-comparison")).click();
        fx.browser.findElement(By.id("compare-published")).click();
        fx.waiting().until(d -> d.findElement(By.id("chart-scatter")).getAttribute("data-rendered") != null);
        WebElement scatter = fx.browser.findElement(By.id("chart-scatter"));
        assertEquals("330100", scatter.getAttribute("data-highlight"), "the searched city is highlighted");
        int points = Integer.parseInt(scatter.getAttribute("data-points"));
        assertTrue(points >= 30, "points: " + points);
        Object diagonal = fx.browser.executeScript("var o = echarts.getInstanceByDom(document.getElementById('chart-scatter')).getOption();"
                + " return o.series[0].markLine.data.length;");
        assertEquals(1L, ((Number) diagonal).longValue(), "the diagonal is drawn");
        List<WebElement> tableRows = fx.browser.findElements(By.cssSelector("details[data-chart-table=chart-scatter] tbody tr"));
        assertEquals(points, tableRows.size(), "one row per city in the scatter's data table");
        String table = fx.browser.findElement(By.cssSelector("details[data-chart-table=chart-scatter]")).getAttribute("textContent");
        assertTrue(table.contains("杭州"), table);
        String rho = fx.browser.findElement(By.cssSelector("#compare-pairs td[data-testid=spearman]")).getText();
        assertTrue(rho.startsWith("0.8") && rho.contains("n = "), rho);
        fx.screenshot("study-scatter");

        // an error (the same model twice) leaves no stale result behind
        String a = new Select(fx.browser.findElement(By.id("compare-a"))).getFirstSelectedOption().getAttribute("value");
        new Select(fx.browser.findElement(By.id("compare-b"))).selectByValue(a);
        fx.browser.findElement(By.id("compare-run")).click();
        fx.waiting().until(d -> "error".equals(d.findElement(By.id("compare-status")).getAttribute("data-state")));
        assertTrue(fx.browser.findElements(By.cssSelector("#compare-pairs tbody tr")).isEmpty(), "pairs cleared");
        assertTrue(fx.browser.findElements(By.cssSelector("#compare-movers tbody tr")).isEmpty(), "movers cleared");
        for (String id : List.of("chart-scatter", "chart-bump", "chart-heatmap")) {
            assertEquals(null, fx.browser.findElement(By.id(id)).getAttribute("data-rendered"), id);
            assertTrue(fx.browser.findElements(By.cssSelector("details[data-chart-table=" + id + "]")).isEmpty(), id);
            assertEquals(Boolean.TRUE, fx.browser.executeScript(
                    "return !echarts.getInstanceByDom(document.getElementById(arguments[0]));", id), id);
        }
    }

    @Test
    void theProfileGivesRankOfNUnderFullModelNames() throws Exception {
        evaluate("?lang=en&model=guomai-psdf-2024");
        fx.browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).click();
        fx.waiting().until(d -> !d.findElements(By.cssSelector("#profile-table tr[data-testid=profile-row]")).isEmpty());
        List<WebElement> profileRows = fx.browser.findElements(By.cssSelector("#profile-table tr[data-testid=profile-row]"));
        assertTrue(profileRows.size() >= 2, "every model: " + profileRows.size());
        for (WebElement row : profileRows) {
            String rank = row.findElement(By.cssSelector("td[data-testid=profile-rank]")).getText();
            assertTrue(rank.matches("\\d+ of \\d+") || rank.equals("not in this result") || rank.equals("unranked"), rank);
        }
        String guomai = fx.browser.findElement(By.cssSelector("#profile-table tr[data-model='guomai-psdf-2024']")).getText();
        assertTrue(guomai.matches("(?s).*\\d+ of \\d+.*"), guomai);
        String name = fx.browser.findElement(By.cssSelector("#profile-table tr[data-model='guomai-psdf-2024'] td")).getText();
        assertFalse(name.equals("guomai-psdf-2024") || name.isBlank(), "the full model name: " + name);
    }

    @Test
    void aClickOnAProvinceFiltersTheRankingAndTheChipClearsIt() throws Exception {
        evaluate("?model=guomai-psdf-2024");
        fx.waiting().until(d -> d.findElement(By.id("chart-map")).getAttribute("data-rendered") != null);
        int all = rows();
        WebElement tiersCoverage = fx.browser.findElement(By.id("tiers-coverage"));
        assertTrue(tiersCoverage.isDisplayed() && tiersCoverage.getText().contains("%"), "coverage beside the tiers: " + tiersCoverage.getText());
        String province = (String) fx.browser.executeScript(
                "return CityevalCharts.shortProvince(document.querySelector(\"table#ranking tr[data-adcode='330100'] td:nth-child(3)\").textContent);");
        assertNotNull(province);
        String click = "echarts.getInstanceByDom(document.getElementById('chart-map')).trigger('click',"
                + " {componentType: 'series', name: arguments[0]});";
        fx.browser.executeScript(click, province);
        fx.waiting().until(d -> rows() < all);
        List<String> provinces = fx.browser.findElements(By.cssSelector("table#ranking tr[data-adcode] td:nth-child(3)"))
                .stream().map(WebElement::getText).distinct().collect(Collectors.toList());
        assertEquals(1, provinces.size(), provinces.toString());
        assertTrue(provinces.get(0).startsWith(province), provinces.toString());
        WebElement chip = fx.browser.findElement(By.id("province-filter"));
        assertTrue(chip.isDisplayed() && chip.getText().contains(province), chip.getText());
        fx.screenshot("study-province-filter");

        // a second click on the same province clears; a click and then the chip clears too
        fx.browser.executeScript(click, province);
        fx.waiting().until(d -> rows() == all);
        fx.browser.executeScript(click, province);
        fx.waiting().until(d -> rows() < all);
        fx.browser.findElement(By.id("province-filter")).click();
        fx.waiting().until(d -> rows() == all);
        assertFalse(fx.browser.findElement(By.id("province-filter")).isDisplayed());
    }
}
