package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

/**
 * Issue 15 items 1–2, the whole page: every tab, on a phone (390×844) and a desktop (1440×900), in both
 * languages. In Chinese mode the visible text has no Latin word except an allow-list (model and column ids and
 * other tokens with '-', '_', '/', ':' or '.', statistics' names, software and licence names, file formats); in
 * English mode it has no CJK except where a data value has no English form (see {@link #EN_DATA}). City and
 * province names show in pinyin in English mode, tiers as the descriptor's English label or "Tier N".
 */
class NamesBrowserTest {
    static BrowserFixture fx;

    static final List<String> TABS = List.of("models", "evaluation", "comparison", "uncertainty", "upload", "variables",
            "statistics");

    /**
     * Latin words Chinese mode may show: names of statistics (Spearman ρ, Kendall τ-b/W, RBO, Sobol, Cronbach α,
     * PCA, κ), of software and licences (cityeval, Apache ECharts, MIT, COINr), file formats (CSV, XLSX, HTML,
     * Excel), units, the authors a method note cites; single letters (A/B models, formula symbols: p, n, k, r) and
     * code quoted in a note ({@code cor.test(method = "spearman", exact = FALSE)}) are left out too.
     */
    static final Set<String> ZH_ALLOWED = Set.of("Spearman", "Kendall", "RBO", "Sobol", "Cronbach", "PCA", "cityeval",
            "Apache", "ECharts", "MIT", "COINr", "CSV", "XLSX", "HTML", "Excel", "km", "KMO", "Bartlett", "JSON",
            // authors the method notes cite; GDP (in the catalogue's own Chinese names), PSDF (the report's series)
            "Pearson", "Knight", "Webber", "Moffat", "Zobel", "Cohen", "GDP", "PSDF",
            // the CSV column a city file may have (the upload hint names it as users type it)
            "adcode",
            // statistics spelled out and formula symbols in the method notes (ρ, τ, κ; t = rho*sqrt(...), |rankA - rankB|)
            "rho", "tau", "kappa", "log", "sqrt", "min", "topK", "rankA", "rankB");

    /**
     * Where Chinese mode keeps English: the language button (it names the other language), the variable catalogue's
     * English-name column (the catalogue is bilingual; BrowserTest checks that column in Chinese mode), node ids
     * (td.id: identifiers the descriptor and the CLI use).
     */
    static final String ZH_SKIP = "#lang-toggle, td.id, #variables-table td:nth-child(3)";

    /**
     * Where English mode keeps Chinese, data values without an English form: the language button, the variable
     * catalogue's Chinese-name column (beside its English one), a reference's bibliographic source (the Chinese
     * report's own title, dd[data-value]).
     */
    static final String EN_DATA = "#lang-toggle, [data-value], #variables-table td:nth-child(2)";

    static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]+");
    static final Pattern CJK = Pattern.compile("[\\p{IsHan}]+");

    @BeforeAll
    static void start() throws Exception {
        fx = BrowserFixture.start(false, 1600, 1100);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    static Stream<Arguments> screensAndLanguages() {
        return Stream.of(Arguments.of(390, 844, "zh"), Arguments.of(390, 844, "en"), Arguments.of(1440, 900, "zh"),
                Arguments.of(1440, 900, "en"));
    }

    /** The visible text of the page (text nodes of rendered elements, chosen options, placeholders). */
    @SuppressWarnings("unchecked")
    static List<String> visibleText(String skip) {
        return (List<String>) fx.browser.executeScript("var skip = arguments[0], out = [];"
                + "function shown(e) { var s = getComputedStyle(e);"
                + "  return s.visibility !== 'hidden' && s.display !== 'none' && e.getClientRects().length > 0; }"
                + "var w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), n;"
                + "while ((n = w.nextNode())) { var p = n.parentElement;"
                + "  if (!p || !n.nodeValue.trim() || p.closest('script, style, option, template')) { continue; }"
                + "  if (p.closest(skip) || !shown(p)) { continue; }"
                + "  out.push(n.nodeValue.trim()); }"
                + "document.querySelectorAll('select').forEach(function (s) {"
                + "  if (shown(s) && !s.closest(skip) && s.selectedIndex >= 0) { out.push(s.options[s.selectedIndex].text); } });"
                + "document.querySelectorAll('input[placeholder]').forEach(function (i) {"
                + "  if (shown(i) && !i.closest(skip)) { out.push(i.placeholder); } });"
                + "return out;", skip);
    }

    /** Latin words outside the allow-list, with their text; tokens with '-', '_', '/', ':', '.' or digits are codes. */
    static List<String> latinWords(List<String> texts) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : texts) {
            String prose = text;
            // code: a CLI command (cityeval coverage --data …), an R call (cor.test(method = "spearman", exact = FALSE)),
            // JSON ("binding": {"variables": [编号]}); the innermost parentheses with an operator first
            prose = prose.replaceAll("cityeval [a-z]+", " ").replaceAll("\"[^\"]*\"", " ");
            for (String before = null; !prose.equals(before);) {
                before = prose;
                prose = prose.replaceAll("[A-Za-z_.]*\\([^()]*[=+*/^<>|,-][^()]*\\)", " ");
            }
            for (String token : prose.split("[\\s,，;；()（）\\[\\]【】、。“”\"'·×=]+")) {
                if (token.matches(".*[-_/:.@\\d].*")) {
                    continue;
                }
                Matcher m = LATIN_WORD.matcher(token);
                while (m.find()) {
                    if (m.group().length() > 1 && !ZH_ALLOWED.contains(m.group())) {
                        out.add(m.group() + " in «" + abbreviate(text) + "»");
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    static List<String> cjk(List<String> texts) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : texts) {
            Matcher m = CJK.matcher(text);
            while (m.find()) {
                out.add(m.group() + " in «" + abbreviate(text) + "»");
            }
        }
        return new ArrayList<>(out);
    }

    static String abbreviate(String s) {
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }

    /** Opens a tab with what it shows filled in: a ranking, the published comparison, the model's notes. */
    static void openTab(int width, int height, String lang, String tab) {
        fx.viewport(width, height);
        fx.browser.get(fx.base + "/?lang=" + lang + "&model=guomai-psdf-2024#" + tab);
        fx.ready();
        switch (tab) {
        case "models" -> fx.waiting().until(d -> d.findElements(By.cssSelector("#model-notes li")).size() >= 4);
        case "evaluation" -> {
            fx.browser.findElement(By.id("run-evaluation")).click();
            fx.waiting().until(d -> d.findElements(By.cssSelector("table#ranking tr[data-adcode]")).size() >= 104);
            fx.waiting().until(d -> "ready".equals(d.findElement(By.id("eval-status")).getAttribute("data-state")));
        }
        case "comparison" -> {
            fx.browser.findElement(By.id("compare-published")).click();
            fx.waiting().until(d -> d.findElements(By.cssSelector("#compare-notes li")).size() >= 8);
        }
        case "variables" -> fx.waiting().until(
                d -> d.findElements(By.cssSelector("#variables-table tr[data-variable]")).size() > 10);
        default -> { }
        }
    }

    @ParameterizedTest(name = "{0}×{1} {2}")
    @MethodSource("screensAndLanguages")
    void everyTabSpeaksOneLanguage(int width, int height, String lang) {
        List<String> problems = new ArrayList<>();
        try {
            for (String tab : TABS) {
                openTab(width, height, lang, tab);
                List<String> texts = visibleText(lang.equals("zh") ? ZH_SKIP : EN_DATA);
                List<String> found = lang.equals("zh") ? latinWords(texts) : cjk(texts);
                found.forEach(f -> problems.add(tab + ": " + f));
            }
        } finally {
            fx.clearViewport();
        }
        assertTrue(problems.isEmpty(), (lang.equals("zh") ? "English in Chinese mode" : "Chinese in English mode")
                + " (" + problems.size() + "):\n" + String.join("\n", problems));
    }

    @ParameterizedTest(name = "{0}×{1}")
    @MethodSource("screens")
    void englishModeNamesCitiesProvincesAndTiersInEnglish(int width, int height) {
        try {
            openTab(width, height, "en", "evaluation");
            String row = fx.browser.findElement(By.cssSelector("table#ranking tr[data-adcode='330100']")).getText();
            assertTrue(row.contains("Hangzhou") && row.contains("Zhejiang") && !CJK.matcher(row).find(), row);
            String tiers = fx.browser.findElement(By.id("eval-tiers")).getText();
            assertTrue(tiers.contains("Tier 1") || tiers.matches("(?s).*[A-Z][a-z]+.*"), tiers);
            assertTrue(!CJK.matcher(tiers).find(), tiers);
            openTab(width, height, "en", "models");
            String info = fx.browser.findElement(By.id("model-info")).getText();
            assertTrue(info.contains("14th edition"), info);
        } finally {
            fx.clearViewport();
        }
    }

    static Stream<Arguments> screens() {
        return Stream.of(Arguments.of(390, 844), Arguments.of(1440, 900));
    }
}
