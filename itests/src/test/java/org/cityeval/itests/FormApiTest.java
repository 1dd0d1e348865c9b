package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.io.internal.FormSheets;
import org.cityeval.io.internal.Sheets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Collection forms over the web API of {@code cityeval serve}: {@code GET /api/form} answers the same workbook as
 * {@code cityeval form}; the form filled in and uploaded evaluates; a value out of range is refused at
 * sheet:row:column.
 */
class FormApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "ccid-digital-city-2020";
    @RegisterExtension
    static final ServedDist SERVER = new ServedDist();
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
    @TempDir
    static Path work;

    static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.base() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theApiAnswersTheFormTheCliWrites() throws Exception {
        HttpResponse<byte[]> r = get("/api/form?models=" + MODEL + "&province=" + URLEncoder.encode("浙江省",
                StandardCharsets.UTF_8) + "&year=2023");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("cityeval-form-" + MODEL + ".xlsx"));

        Path f = work.resolve("cli.xlsx");
        Dist.Run cli = Dist.cityeval(work, "form", "--model", MODEL, "--province", "浙江省", "--year", "2023", "--out",
                f.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertArrayEquals(Files.readAllBytes(f), r.body(), "the same workbook, byte for byte (the writer is reproducible)");

        HttpResponse<byte[]> unknown = get("/api/form?models=nope&year=2023");
        assertEquals(404, unknown.statusCode());
        assertTrue(new String(unknown.body(), StandardCharsets.UTF_8).contains("unknown model 'nope'"));
        assertEquals(400, get("/api/form?models=" + MODEL + "&province=Atlantis").statusCode());
    }

    @Test
    void aFilledFormUploadedEvaluatesAndOneOutOfRangeIsRefused() throws Exception {
        byte[] form = get("/api/form?models=" + MODEL + "&cities=Hangzhou,Ningbo&year=2023&lang=en").body();
        List<String> header = Sheets.read("form.xlsx", form, "Values").get(0);
        List<FormSheets.Validation> validations = FormSheets.validations("form.xlsx", form, "Values");
        Map<String, String> cells = new HashMap<>();
        for (int row = 2; row <= 3; row++) {
            for (int c = 3; c < header.size(); c += 2) {
                FormSheets.Validation v = null;
                for (FormSheets.Validation x : validations) {
                    v = x.covers(row, c + 1) ? x : v;
                }
                double value = v.type().equals("decimal") && v.operator().equals("between")
                        ? Double.parseDouble(v.formula2()) * (row == 2 ? 0.3 : 0.6)
                        : 10.0 * row;
                cells.put(FormTest.ref(c + 1, row), Double.toString(value));
                cells.put(FormTest.ref(c + 2, row), "\"city survey " + row + "\"");
            }
        }
        JsonNode up = upload("filled.xlsx", FormTest.withCells(form, cells));
        String token = up.get("dataset").asText();
        HttpResponse<String> ev = http.send(HttpRequest.newBuilder(URI.create(SERVER.base() + "/api/evaluate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\": \"" + MODEL + "\", \"dataset\": \"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, ev.statusCode(), ev.body());
        JsonNode cities = JSON.readTree(ev.body()).get("cities");
        assertEquals(2, cities.size());
        for (JsonNode c : cities) {
            assertTrue(c.get("score").isNumber(), c.toString());
            assertEquals(1.0, c.get("coverage").asDouble(), 1e-9);
        }

        int column = header.indexOf("it_development") + 1;
        cells.put(FormTest.ref(column, 3), "-1");
        HttpResponse<String> refused = uploadRaw("bad.xlsx", FormTest.withCells(form, cells));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Values:3:" + column + ": -1 in column 'it_development'"), refused.body());
    }

    static JsonNode upload(String name, byte[] content) throws Exception {
        HttpResponse<String> r = uploadRaw(name, content);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> uploadRaw(String name, byte[] content) throws Exception {
        String boundary = "----cityevalFormBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.base() + "/api/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
