package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The what-if weights panel of the evaluation view in a real browser against the distribution: moving a
 * level-1 slider (value set, {@code input} event) re-evaluates on the server and the ranking shows rank moves
 * against the published weights; "Save" lists the named weight configuration of the model; evaluating with it
 * says assumed weights were used; reset returns to the model's own weights. Labelled sliders (axe: 0 critical,
 * 0 serious) and no horizontal page scroll at 390 px. Screenshots 12-what-if(-phone) for docs/screenshots with
 * -Dcityeval.screenshots=docs. No wall-clock assertions: every wait is a hang guard.
 */
class WhatIfBrowserTest {
    static final String MODEL = "ccid-digital-city-2020";
    static final String NAME = "whatif-itest";
    static BrowserFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start(false, BrowserFixture.WIDE[0], BrowserFixture.WIDE[1]);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        // the saved configuration lives in the shared test distribution: leave it as it was found
        Files.deleteIfExists(Dist.home().resolve("conf/weights/" + MODEL + ".json"));
    }

    static List<WebElement> sliders() {
        return fx.browser.findElements(By.cssSelector("#whatif-sliders input[type=range]"));
    }

    static String assumed() {
        return fx.browser.findElement(By.id("whatif-assumed")).getAttribute("data-assumed");
    }

    static List<String> moves() {
        return fx.browser.findElements(By.cssSelector("#whatif-table tr[data-testid=whatif-row]")).stream()
                .map(e -> e.getAttribute("data-move")).toList();
    }

    @Test
    void slidersReweightOnTheServerAndASavedConfigurationSaysAssumedWeights() throws Exception {
        fx.viewport(BrowserFixture.WIDE[0], BrowserFixture.WIDE[1]);
        fx.browser.get(fx.base + "/?model=" + MODEL + "&data=pack%3Achina-cities&missing=renormalise&lang=zh#evaluation");
        fx.ready();
        // one labelled slider per level-1 domain of the model (CCID 2020: six)
        fx.waiting().until(d -> sliders().size() == 6);
        for (WebElement s : sliders()) {
            String label = fx.browser.findElement(By.cssSelector("label[for='" + s.getAttribute("id") + "']")).getText();
            assertTrue(!label.isBlank(), s.getAttribute("id"));
        }

        // move the first slider to the top: the server evaluates with the what-if weights
        WebElement first = sliders().get(0);
        fx.browser.executeScript("arguments[0].value = '100'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                first);
        fx.waiting().until(d -> "true".equals(assumed()) && !moves().isEmpty());
        List<String> moved = moves();
        assertTrue(moved.stream().anyMatch(m -> !m.isEmpty() && !m.equals("0")),
                () -> "the ranking should move against the published weights: " + moved);
        String note = fx.browser.findElement(By.id("whatif-assumed")).getText();
        assertTrue(note.contains("假设权重"), note);
        assertEquals("100", first.getAttribute("value"));

        // save it as a named weight configuration of the model: it is listed
        fx.browser.findElement(By.id("whatif-name")).clear();
        fx.browser.findElement(By.id("whatif-name")).sendKeys(NAME);
        fx.browser.findElement(By.id("whatif-save")).click();
        fx.waiting().until(d -> !d.findElements(By.cssSelector("#whatif-saved li[data-name='" + NAME + "']")).isEmpty());
        Path file = Dist.home().resolve("conf/weights/" + MODEL + ".json");
        String stored = Files.readString(file);
        assertTrue(stored.contains("\"" + NAME + "\"") && stored.contains("\"assumed\""), stored);

        // reset: the model's own weights again
        fx.browser.findElement(By.id("whatif-reset")).click();
        fx.waiting().until(d -> "false".equals(assumed()));
        assertTrue(moves().stream().allMatch(m -> m.equals("0")), () -> "reset keeps every rank: " + moves());

        // an evaluation with the saved configuration says assumed weights were used
        fx.browser.findElement(By.cssSelector("#whatif-saved li[data-name='" + NAME + "'] button")).click();
        fx.waiting().until(d -> "true".equals(assumed()));
        String withSaved = fx.browser.findElement(By.id("whatif-assumed")).getText();
        assertTrue(withSaved.contains(NAME) && withSaved.contains("假设权重"), withSaved);
        assertEquals(moved, moves(), "the saved configuration ranks as the sliders did");

        fx.browser.executeScript("document.getElementById('whatif').scrollIntoView()");
        fx.docsScreenshot("12-what-if");
        fx.screenshot("whatif-wide");
        assertEquals(List.of(), fx.axeCriticalAndSerious());

        // a phone: no horizontal page scroll, still labelled
        fx.viewport(BrowserFixture.PHONE[0], BrowserFixture.PHONE[1]);
        assertTrue(fx.overflow() <= 0, () -> "page wider than 390 px: " + fx.overflowing());
        fx.browser.executeScript("document.getElementById('whatif').scrollIntoView()");
        fx.docsScreenshot("12-what-if-phone");
        fx.screenshot("whatif-phone");
        assertEquals(List.of(), fx.axeCriticalAndSerious());

        // English: the panel's labels follow the page's language
        fx.browser.findElement(By.id("lang-toggle")).click();
        fx.waiting().until(d -> d.findElement(By.id("whatif-title")).getText().equals("What-if weights"));
        String en = fx.browser.findElement(By.id("whatif-assumed")).getText();
        assertTrue(en.contains("assumed weights"), en);
        fx.clearViewport();
    }
}
