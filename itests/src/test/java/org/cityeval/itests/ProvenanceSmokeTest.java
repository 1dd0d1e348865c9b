package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 17's must-show: an evaluation on a filled collection form (an XLSX whose {@code V:source} columns give each
 * value's source) merged with the data pack, and the provenance of one city's leaf value (file, sheet, row, column,
 * note) shown by the CLI and by the web API; a value the pack gives differently is reported as a conflict.
 */
class ProvenanceSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "ccid-digital-city-2020";
    static final String SHEET = "数值";
    static final String NOTE = "杭州市统计局《2023年国民经济和社会发展统计公报》";

    @TempDir
    Path work;

    /**
     * A filled form, as an official returns it: a row per city and year, the leaf it_development (no open data; in
     * the model's points, 0–4.167) and the pack's variable usage_depth (杭州's differs from the pack's by about 9%),
     * each with its source column.
     */
    static List<List<Object>> form(double hangzhou) {
        return List.of(
                List.of("city", "year", "it_development", "it_development:source", "usage_depth", "usage_depth:source"),
                List.of("杭州", 2023, hangzhou, NOTE, 360.0, "北京大学数字普惠金融指数，经市大数据局复核"),
                List.of("宁波", 2023, 2.75, "宁波市经信局填报", "", ""),
                List.of("温州", 2023, 2.0, "", "", ""));
    }

    private Path form() throws Exception {
        Path f = work.resolve("form.xlsx");
        Files.write(f, xlsx(SHEET, form(3.5)));
        return f;
    }

    @Test
    void theCliShowsWhereAFormValueAndAPackValueCameFrom() throws Exception {
        Path form = form();
        String data = form + "+pack:china-cities";
        Dist.Run eval = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", data, "--year", "2023", "--missing",
                "renormalise", "--format", "json");
        assertEquals(0, eval.exit(), eval.err());
        JsonNode result = JSON.readTree(eval.out());
        assertTrue(result.get("cities").size() >= 300, "the pack's cities are all there");
        assertTrue(result.get("warnings").toString().contains("data merged from " + form
                + " + pack:china-cities, the first source winning: 1 value(s) of later sources set aside"), result.get("warnings")
                .toString());

        // a value out of its range in the form is refused where the form has it, not at the merged data's name
        Path wrong = work.resolve("wrong.xlsx");
        Files.write(wrong, xlsx(SHEET, form(82.5)));
        Dist.Run refused = Dist.cityeval(work, "evaluate", "--model", MODEL, "--data", wrong + "+pack:china-cities",
                "--year", "2023", "--missing", "renormalise");
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains(wrong + ":2:3: 杭州市: 'it_development' is 82.5, outside its 0–4.167 points"),
                refused.err());

        Dist.Run run = Dist.cityeval(work, "provenance", "--model", MODEL, "--data", form.toString(), "--data",
                "pack:china-cities", "--city", "杭州", "--leaf", "it_development", "--year", "2023", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode p = JSON.readTree(run.out());
        assertEquals("330100", p.get("city").get("adcode").asText());
        assertEquals(2023, p.get("year").asInt());
        JsonNode v = p.get("values").get(0);
        assertEquals("it_development", v.get("column").asText());
        assertEquals(3.5, v.get("value").asDouble());
        JsonNode s = v.get("source");
        assertEquals(form.toString(), s.get("file").asText());
        assertEquals(SHEET, s.get("sheet").asText());
        assertEquals(2, s.get("row").asInt());
        assertEquals(3, s.get("column").asInt());
        assertEquals(NOTE, s.get("note").asText());

        Dist.Run table = Dist.cityeval(work, "provenance", "--model", MODEL, "--data", data, "--city", "Hangzhou",
                "--leaf", "it_development", "--year", "2023");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains(SHEET) && table.out().contains("C2 (column 3)") && table.out().contains(NOTE),
                table.out());

        // a leaf bound to a pack variable: the pack's file and row, since the form has no value for it
        Dist.Run pack = Dist.cityeval(work, "provenance", "--model", MODEL, "--data", data, "--city", "杭州", "--leaf",
                "mobile_internet", "--year", "2023", "--format", "json");
        assertEquals(0, pack.exit(), pack.err());
        JsonNode ps = JSON.readTree(pack.out()).get("values").get(0).get("source");
        assertEquals("pack:china-cities", ps.get("input").asText());
        List<String> lines = Files.readAllLines(Dist.repo().resolve(
                "bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"));
        assertEquals(lines.indexOf(lines.stream().filter(l -> l.startsWith("330100,2023,")).findFirst().orElseThrow()) + 1,
                ps.get("row").asInt(), "the row of 杭州 2023 in the pack's file");
        assertEquals(List.of(lines.get(0).split(",")).indexOf("coverage_breadth") + 1, ps.get("column").asInt());

        // a value both give: the form's wins, the pack's is a conflict, in the provenance and in the quality report
        Dist.Run both = Dist.cityeval(work, "provenance", "--model", MODEL, "--data", data, "--city", "杭州", "--leaf",
                "e_commerce", "--year", "2023", "--format", "json");
        assertEquals(0, both.exit(), both.err());
        JsonNode b = JSON.readTree(both.out()).get("values").get(0);
        assertEquals(360.0, b.get("value").asDouble());
        assertEquals(form.toString(), b.get("source").get("input").asText());
        JsonNode conflict = b.get("conflicts").get(0);
        assertEquals("pack:china-cities", conflict.get("from").get("input").asText());
        assertEquals(360.0, conflict.get("kept").asDouble());
        Dist.Run quality = Dist.cityeval(work, "quality", "--data", data, "--format", "json");
        assertEquals(0, quality.exit(), quality.err());
        assertTrue(quality.out().contains("\"conflict\"") && quality.out().contains("usage_depth"), quality.out());

        Dist.Run alone = Dist.cityeval(work, "provenance", "--model", MODEL, "--data", form.toString(), "--city", "宁波",
                "--leaf", "e_commerce", "--format", "json");
        assertEquals(0, alone.exit(), alone.err());
        JsonNode none = JSON.readTree(alone.out()).get("values").get(0);
        assertTrue(none.get("value").isNull(), "宁波 left usage_depth empty: " + none);
        assertTrue(none.get("source").isNull());
    }

    @Test
    void theApiShowsWhereAFormValueCameFrom() throws Exception {
        byte[] form = Files.readAllBytes(form());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
        try (Dist.Served served = Dist.serve(Dist.home(), null)) {
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(served.base()
                    + "/api/upload?name=form.xlsx")).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, up.statusCode(), up.body());
            String token = JSON.readTree(up.body()).get("dataset").asText();
            String query = "model=" + MODEL + "&data=" + enc("upload:" + token + "+pack:china-cities") + "&city="
                    + enc("杭州") + "&leaf=it_development&year=2023";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(served.base() + "/api/provenance?"
                    + query)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode s = JSON.readTree(r.body()).get("values").get(0).get("source");
            assertEquals("form.xlsx", s.get("file").asText());
            assertEquals(SHEET, s.get("sheet").asText());
            assertEquals(2, s.get("row").asInt());
            assertEquals(3, s.get("column").asInt());
            assertEquals(NOTE, s.get("note").asText());

            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(served.base() + "/api/provenance?"
                    + "model=" + MODEL + "&data=" + enc("/etc/passwd") + "&city=x&leaf=it_development")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(400, bad.statusCode(), bad.body());
            assertNull(JSON.readTree(bad.body()).get("values"));

            // any data request takes merged sources: the quality report lists the form's conflict with the pack
            HttpResponse<String> quality = http.send(HttpRequest.newBuilder(URI.create(served.base() + "/api/quality"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"data\": \"upload:" + token + "+pack:china-cities\"}", StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, quality.statusCode(), quality.body());
            boolean conflict = false;
            for (JsonNode i : JSON.readTree(quality.body()).get("issues")) {
                conflict |= i.get("kind").asText().equals("conflict") && i.get("variable").asText().equals("usage_depth")
                        && i.get("adcode").asText().equals("330100");
            }
            assertTrue(conflict, quality.body());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A one-sheet workbook with inline strings: what Excel or WPS saves, reduced to the parts a reader needs. */
    static byte[] xlsx(String sheet, List<List<Object>> rows) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            data.append("<row r=\"").append(r + 1).append("\">");
            List<Object> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                String ref = (char) ('A' + c) + Integer.toString(r + 1);
                if (v instanceof Number n) {
                    data.append("<c r=\"").append(ref).append("\"><v>").append(n).append("</v></c>");
                } else if (!v.toString().isEmpty()) {
                    data.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(escape(v.toString()))
                            .append("</t></is></c>");
                }
            }
            data.append("</row>");
        }
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                    + "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/"
                    + "xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rel
                    + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main
                    + "\" xmlns:r=\"" + rel + "\"><sheets><sheet name=\"" + escape(sheet)
                    + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                    + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            put(zip, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + main
                    + "\"><sheetData>" + data + "</sheetData></worksheet>");
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String xml) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
