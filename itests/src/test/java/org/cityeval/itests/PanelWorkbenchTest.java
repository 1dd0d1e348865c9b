package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cityeval.io.internal.Sheets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 14, panels and intermediate datasets in the workbench, through the distribution: the stages as an XLSX
 * workbook (CLI and HTTP) read back with the project's XLSX reader and equal to the CSV export; a panel result saved
 * and reloaded; a panel report (XLSX Panel sheet, HTML trajectories) from the CLI and the web API; a year a city
 * has no row in made by interpolation or LOCF, or left absent and said.
 */
class PanelWorkbenchTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "ccid-digital-city-2020";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
    @TempDir
    Path work;

    @Test
    void stagesAsAWorkbookHoldTheCsvExportsValuesFromTheCliAndTheWebApi() throws Exception {
        Path dir = work.resolve("stages");
        Dist.Run csv = Dist.cityeval(work, "export-stages", "--model", MODEL, "--data", "pack:china-cities", "--missing",
                "renormalise", "--out", dir.toString());
        assertEquals(0, csv.exit(), csv.err());
        Path book = work.resolve("stages.xlsx");
        Dist.Run xlsx = Dist.cityeval(work, "export-stages", "--model", MODEL, "--data", "pack:china-cities",
                "--missing", "renormalise", "--out", book.toString());
        assertEquals(0, xlsx.exit(), xlsx.err());
        assertTrue(xlsx.out().contains("README and a sheet per stage"), xlsx.out());
        byte[] bytes = Files.readAllBytes(book);

        List<List<String>> readme = Sheets.read("stages.xlsx", bytes, "README");
        assertTrue(readme.stream().anyMatch(r -> r.size() == 2 && r.get(0).equals("Model")
                && r.get(1).startsWith(MODEL + " — ")), readme.toString());
        assertTrue(readme.contains(List.of("Data", "pack:china-cities")), readme.toString());
        assertTrue(readme.contains(List.of("Missing data", "renormalise")), readme.toString());
        assertTrue(readme.stream().anyMatch(r -> !r.isEmpty() && r.get(0).equals("Year")), readme.toString());

        List<Path> stages;
        try (Stream<Path> files = Files.list(dir)) {
            stages = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertTrue(stages.size() >= 4, stages.toString());
        for (Path stage : stages) {
            String name = stage.getFileName().toString().replace(".csv", "");
            List<List<String>> fromCsv = csv(Files.readString(stage));
            List<List<String>> sheet = Sheets.read("stages.xlsx", bytes, name);
            assertSameTable(name, fromCsv, sheet);
            assertTrue(readme.stream().anyMatch(r -> !r.isEmpty() && r.get(0).equals(name)), "README lists " + name);
        }

        try (Dist.Served s = Dist.serve(Dist.home(), null)) {
            HttpResponse<byte[]> r = post(s, "/api/stages?format=xlsx",
                    "{\"model\":\"" + MODEL + "\",\"pack\":\"china-cities\",\"missing\":\"renormalise\"}");
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals(XLSX, r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
            assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains(".xlsx"));
            for (String name : List.of("README", "raw", "aggregated")) {
                assertEquals(Sheets.read("cli", bytes, name), Sheets.read("http", r.body(), name), name);
            }
            HttpResponse<byte[]> bad = post(s, "/api/stages?format=pdf",
                    "{\"model\":\"" + MODEL + "\",\"pack\":\"china-cities\"}");
            assertEquals(400, bad.statusCode());
            assertTrue(new String(bad.body(), StandardCharsets.UTF_8).contains("json or xlsx"));
        }
    }

    @Test
    void aPanelIsSavedAndReloadedAndItsReportIsDownloadable() throws Exception {
        try (Dist.Served s = Dist.serve(Dist.home(), null)) {
            String panel = "\"model\":\"" + MODEL + "\",\"pack\":\"china-cities\",\"missing\":\"renormalise\","
                    + "\"years\":\"2019-2023\",\"normalise\":\"panel\"";
            HttpResponse<byte[]> saved = post(s, "/api/evaluate", "{" + panel + ",\"save\":true,\"title\":\"panel\"}");
            assertEquals(200, saved.statusCode(), new String(saved.body(), StandardCharsets.UTF_8));
            JsonNode answer = JSON.readTree(saved.body());
            String id = answer.get("saved").get("id").asText();
            HttpResponse<byte[]> reloaded = HTTP.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/results/" + id))
                    .timeout(Waits.HANG_GUARD).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, reloaded.statusCode());
            JsonNode back = JSON.readTree(reloaded.body());
            assertEquals("[2019,2020,2021,2022,2023]", back.get("years").toString());
            assertEquals("panel", back.get("normalisation").asText());
            ((ObjectNode) answer).remove("saved");
            assertEquals(answer, back, "reloaded as it was answered");

            HttpResponse<byte[]> book = post(s, "/api/report?format=xlsx", "{\"models\":[\"" + MODEL + "\"],"
                    + panel.replace("\"model\":\"" + MODEL + "\",", "") + "}");
            assertEquals(200, book.statusCode(), new String(book.body(), StandardCharsets.UTF_8));
            List<List<String>> sheet = Sheets.read("report.xlsx", book.body(), "Panel");
            assertTrue(sheet.get(0).containsAll(List.of("Total 2019", "Total 2023", "CAGR")), sheet.get(0).toString());
            assertTrue(sheet.size() > 300, "a row per city");

            HttpResponse<byte[]> html = post(s, "/api/report?format=html", "{\"models\":[\"" + MODEL + "\"],"
                    + panel.replace("\"model\":\"" + MODEL + "\",", "") + "}");
            assertEquals(200, html.statusCode());
            String page = new String(html.body(), StandardCharsets.UTF_8);
            assertTrue(page.contains("data-chart=\"trajectory\"") && page.contains("id=\"panel\""), "trajectories");

            // a workspace remembers a panel study: its years and normalisation
            HttpResponse<byte[]> ws = send(s, "PUT", "/api/workspaces/panel-study", "{\"models\":[\"" + MODEL
                    + "\"],\"years\":\"2019-2023\",\"normalise\":\"panel\",\"missing\":\"interpolate\"}");
            assertEquals(200, ws.statusCode(), new String(ws.body(), StandardCharsets.UTF_8));
            JsonNode study = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(s.base()
                    + "/api/workspaces/panel-study")).timeout(Waits.HANG_GUARD).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
            assertEquals("2019-2023", study.get("years").asText(), study.toString());
            assertEquals("panel", study.get("normalise").asText());
            HttpResponse<byte[]> badWs = send(s, "PUT", "/api/workspaces/bad", "{\"normalise\":\"panel\"}");
            assertEquals(400, badWs.statusCode());
            String refusal = new String(badWs.body(), StandardCharsets.UTF_8);
            assertTrue(refusal.contains("$.normalise") && refusal.contains("only with"), refusal);

            HttpResponse<byte[]> noData = post(s, "/api/report?format=xlsx", "{\"models\":[\"" + MODEL + "\"],"
                    + "\"years\":\"all\"}");
            assertEquals(400, noData.statusCode());
            assertTrue(new String(noData.body(), StandardCharsets.UTF_8).contains("$.years"));
        }
        Path out = work.resolve("panel.html");
        Dist.Run cli = Dist.cityeval(work, "report", "--model", MODEL, "--data", "pack:china-cities", "--missing",
                "renormalise", "--years", "2019-2023", "--normalise", "panel", "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        String page = Files.readString(out);
        assertTrue(page.contains("data-chart=\"trajectory\"") && page.contains("历年 Panel 2019–2023"), "CLI report");
    }

    @Test
    void aYearACityHasNoRowInIsMadeByInterpolationOrLocfOrStaysAbsentAndSaid() throws Exception {
        // three cities of the pack over 2019–2021; 杭州 (330100) has no 2020 row at all
        List<String> lines = Files.readAllLines(Dist.repo().resolve(
                "bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"));
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 3);
            if (List.of("110000", "310000", "330100").contains(f[0]) && List.of("2019", "2020", "2021").contains(f[1])
                    && !(f[0].equals("330100") && f[1].equals("2020"))) {
                kept.add(line);
            }
        }
        assertEquals(1 + 8, kept.size());
        Path data = work.resolve("gap.csv");
        Files.write(data, kept);

        JsonNode none = panel(data, "renormalise");
        JsonNode hz = city(none, "330100");
        assertTrue(hz.get("totals").get(1).isNull(), "absent without a time-series policy: " + hz);
        assertTrue(hz.get("ranks").get(1).isNull());
        assertTrue(warning(none, "absent years: 1 city-years").contains("杭州市 2020"), none.get("warnings").toString());

        JsonNode locf = panel(data, "renormalise,locf");
        JsonNode carried = city(locf, "330100");
        assertNotNull(carried.get("totals").get(1).numberValue(), carried.toString());
        // panel normalisation scores every year on one scale: 2019's values carried into 2020 score the same
        assertEquals(carried.get("totals").get(0).asDouble(), carried.get("totals").get(1).asDouble(), 1e-9);
        assertTrue(warning(locf, "1 rows made").contains("杭州市 2020"), locf.get("warnings").toString());
        assertTrue(locf.get("imputed").size() > 0);
        locf.get("imputed").forEach(i -> assertTrue(i.asText().startsWith("杭州市 2020 "), i.asText()));
        assertNull(warningOrNull(locf, "absent years"), "no year left absent");

        JsonNode interpolated = panel(data, "renormalise,interpolate");
        double between = city(interpolated, "330100").get("totals").get(1).asDouble();
        assertTrue(warning(interpolated, "1 rows made").contains("杭州市 2020"));
        assertTrue(between > 0, interpolated.toString());
    }

    JsonNode panel(Path data, String missing) throws Exception {
        Dist.Run run = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", data.toString(), "--years", "all",
                "--normalise", "panel", "--missing", missing, "--format", "json");
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }

    static JsonNode city(JsonNode panel, String adcode) {
        for (JsonNode c : panel.get("cities")) {
            if (c.get("adcode").asText().equals(adcode)) {
                return c;
            }
        }
        throw new AssertionError(adcode + " not in " + panel);
    }

    static String warning(JsonNode panel, String containing) {
        String w = warningOrNull(panel, containing);
        assertNotNull(w, "a warning with '" + containing + "' in " + panel.get("warnings"));
        return w;
    }

    static String warningOrNull(JsonNode panel, String containing) {
        for (JsonNode w : panel.get("warnings")) {
            if (w.asText().contains(containing)) {
                return w.asText();
            }
        }
        return null;
    }

    static HttpResponse<byte[]> post(Dist.Served s, String path, String body) throws Exception {
        return send(s, "POST", path, body);
    }

    static HttpResponse<byte[]> send(Dist.Served s, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.base() + path)).timeout(Waits.HANG_GUARD)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Same header, same units, and per cell the same text or the same number. */
    static void assertSameTable(String stage, List<List<String>> csv, List<List<String>> sheet) {
        assertEquals(csv.get(0), sheet.get(0), stage + ": header");
        assertEquals(csv.size(), sheet.size(), stage + ": rows");
        for (int r = 1; r < csv.size(); r++) {
            List<String> a = csv.get(r);
            List<String> b = new ArrayList<>(sheet.get(r));
            while (b.size() < a.size()) {
                b.add(""); // a sheet leaves out empty trailing cells
            }
            assertEquals(a.size(), b.size(), stage + " row " + r);
            for (int c = 0; c < a.size(); c++) {
                String x = a.get(c);
                String y = b.get(c);
                if (c >= 3 && !x.isEmpty()) {
                    assertEquals(Double.parseDouble(x), Double.parseDouble(y), 0.0,
                            stage + " row " + r + " column " + csv.get(0).get(c));
                } else {
                    assertEquals(x, y, stage + " row " + r + " column " + csv.get(0).get(c));
                }
            }
        }
    }

    /** RFC 4180 as the export writes it: quoted cells with doubled quotes. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
