package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Both languages in a real headless Chromium, on a phone (390×844) and a desktop (1440×900): search finds a city
 * by every form the CLI accepts (pinyin, adcode, name) through the server's own resolution ({@code /api/cities});
 * the server's warnings and errors (message keys, {@code /api/messages}) are shown in the chosen language, the
 * Chinese ones without English words, the English ones without Chinese except data values (city names, file
 * names, column ids). Another class checks layout and accessibility.
 */
class I18nBrowserTest {
    static Process server;
    static String base;
    static ChromeDriver browser;

    /** English words the catalogue's English templates use and no data value of these flows contains. */
    static final Pattern ENGLISH = Pattern.compile("\\b(the|of|and|data|cities|weight|model|not|number|column|"
            + "missing|renormalise|every|lacks|ranks|none)\\b", Pattern.CASE_INSENSITIVE);
    static final Pattern CJK = Pattern.compile("\\p{IsHan}");

    /**
     * Whether a text has English words once its data values and code are left out: tokens with a '/', ':', '-' or
     * '_' (the pack's file, column ids, {@code --data pack:china-cities}).
     */
    static boolean english(String text) {
        return ENGLISH.matcher(text.replaceAll("\\S*[/:_\\-]\\S*", "")).find();
    }

    @BeforeAll
    static void start() throws Exception {
        Dist.Served served = Dist.serve(Dist.home(), null);
        server = served.process();
        base = served.base();
        browser = Browser.start();
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

    static Stream<Arguments> screensAndLanguages() {
        return Stream.of(Arguments.of(390, 844, "zh"), Arguments.of(390, 844, "en"), Arguments.of(1440, 900, "zh"),
                Arguments.of(1440, 900, "en"));
    }

    static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Waits.HANG_GUARD);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static void open(int width, int height, String lang, String rest) {
        browser.manage().window().setSize(new Dimension(width, height));
        browser.get(base + "/?lang=" + lang + rest);
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    static List<String> shownAdcodes() {
        return browser.findElements(By.cssSelector("table#ranking tr[data-adcode]")).stream().filter(WebElement::isDisplayed)
                .map(r -> r.getAttribute("data-adcode")).toList();
    }

    static void search(String text) {
        WebElement search = browser.findElement(By.id("search"));
        search.clear();
        search.sendKeys(text);
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("screensAndLanguages")
    void searchFindsACityByPinyinAdcodeAndName(int width, int height, String lang) {
        open(width, height, lang, "&model=guomai-psdf-2024#evaluation");
        browser.findElement(By.id("run-evaluation")).click();
        waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() >= 104);
        for (String q : List.of("Hangzhou", "hangzhou", "330100", "杭州市", "杭州")) {
            search(q);
            waiting().until(d -> shownAdcodes().equals(List.of("330100")));
            WebElement row = browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']"));
            // 杭州市, named in the chosen language: its pinyin in English mode (issue 15, NamesBrowserTest)
            String shown = lang.equals("zh") ? "杭州市" : "Hangzhou";
            assertTrue(row.getText().contains(shown), q + " finds 杭州市 (" + shown + "): " + row.getText());
        }
        search("Taizhou"); // pinyin of 台州 and 泰州: both, as the CLI would say it is ambiguous
        waiting().until(d -> shownAdcodes().containsAll(List.of("331000", "321200")));
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("screensAndLanguages")
    void warningsAndTheNoRankingErrorInTheChosenLanguage(int width, int height, String lang) {
        // the model's default (no missing-data treatment) ranks no city of the pack: an error naming the option
        open(width, height, lang, "&model=guomai-psdf-2024#evaluation");
        new Select(browser.findElement(By.id("source"))).selectByValue("pack:china-cities");
        waiting().until(d -> "error".equals(d.findElement(By.id("eval-status")).getAttribute("data-state")));
        String error = browser.findElement(By.id("eval-status")).getText();
        assertTrue(error.contains("guomai-psdf-2024") && error.contains("6.2%"), error);
        if (lang.equals("zh")) {
            assertTrue(error.contains("重新归一") && error.contains("332"), error);
            assertFalse(english(error), "English in a Chinese error: " + error);
        } else {
            assertTrue(error.contains("Add --missing renormalise"), error);
        }

        new Select(browser.findElement(By.id("missing"))).selectByValue("renormalise");
        waiting().until(d -> "ready".equals(d.findElement(By.id("eval-status")).getAttribute("data-state")));
        waiting().until(d -> d.findElements(By.cssSelector("#eval-warnings li")).size() >= 4);
        List<String> warnings = browser.findElements(By.cssSelector("#eval-warnings li")).stream()
                .map(e -> e.getAttribute("textContent")).toList();
        for (String w : warnings) {
            if (lang.equals("zh")) {
                assertTrue(CJK.matcher(w).find(), "a Chinese warning: " + w);
                assertFalse(english(w), "English in a Chinese warning: " + w);
            } else {
                assertTrue(Pattern.compile("[a-z]+ [a-z]+ [a-z]+").matcher(w).find(), "an English warning: " + w);
            }
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains(lang.equals("zh") ? "评价了 2023 年的记录" : "evaluated the 2023 records")),
                warnings.toString());
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("screensAndLanguages")
    void theModelsNotesInTheChosenLanguage(int width, int height, String lang) {
        for (String model : List.of("guomai-psdf-2024", "ccid-digital-city-2020", "cstc-smart-2021", "guomai-psft-2019",
                "national-smart-city-2016")) {
            open(width, height, lang, "&model=" + model + "#models");
            waiting().until(d -> d.findElements(By.cssSelector("#model-notes li")).size() >= 4);
            for (WebElement li : browser.findElements(By.cssSelector("#model-notes li"))) {
                String note = li.getAttribute("textContent");
                if (lang.equals("zh")) {
                    assertTrue(CJK.matcher(note).find(), model + ": " + note);
                    assertFalse(english(note), model + ", English in a Chinese note: " + note);
                } else {
                    assertTrue(Pattern.compile("[a-z]+ [a-z]+ [a-z]+").matcher(note).find(), model + ": " + note);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("screensAndLanguages")
    void theComparisonsNotesInTheChosenLanguage(int width, int height, String lang) {
        open(width, height, lang, "#comparison");
        browser.findElement(By.id("compare-published")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#compare-notes li")).size() >= 8);
        for (WebElement li : browser.findElements(By.cssSelector("#compare-notes li"))) {
            String note = li.getAttribute("textContent");
            if (lang.equals("zh")) {
                assertTrue(CJK.matcher(note).find(), note);
                assertFalse(english(note), "English in a Chinese note: " + note);
            } else {
                assertFalse(CJK.matcher(note.replaceAll("'[^']*'", "")).find(), "Chinese in an English note "
                        + "(other than a quoted domain name): " + note);
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("screensAndLanguages")
    void anUploadErrorInTheChosenLanguageNamingFileRowAndColumn(int width, int height, String lang, @TempDir Path dir)
            throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "city,digital_support,network_governance\n杭州,24.3,abc\n", StandardCharsets.UTF_8);
        open(width, height, lang, "&model=guomai-psdf-2024#upload");
        browser.findElement(By.id("upload")).sendKeys(bad.toString());
        waiting().until(d -> !d.findElement(By.id("upload-error")).getText().isBlank());
        String error = browser.findElement(By.id("upload-error")).getText();
        assertTrue(error.contains("bad.csv:2:3") && error.contains("network_governance") && error.contains("abc"), error);
        if (lang.equals("zh")) {
            assertTrue(error.contains("不是数字"), error);
            assertFalse(english(error), "English in a Chinese error: " + error);
        } else {
            assertEquals("bad.csv:2:3: not a number: 'abc' in column 'network_governance'", error);
        }
    }
}
