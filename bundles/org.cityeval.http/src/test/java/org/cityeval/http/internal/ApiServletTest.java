package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.result.QualityReport;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.spi.WeightingMethod;
import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The servlet over stub services: status codes, error bodies, headers. */
class ApiServletTest {
    private final Optionals optionals = new Optionals();
    private final ApiServlet servlet = Fakes.servlet(optionals, 10_000);

    private Response call(Request r) throws IOException {
        Response resp = Fakes.call(servlet, r);
        assertEquals("nosniff", resp.header("X-Content-Type-Options"), "nosniff on every answer");
        assertNull(resp.header("Access-Control-Allow-Origin"), "never a CORS header");
        return resp;
    }

    private static JsonNode json(Response r) throws IOException {
        return ApiJson.MAPPER.readTree(r.body.toByteArray());
    }

    private static void assertError(Response r, int status, String contains) throws IOException {
        assertEquals(status, r.status, r.text());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        JsonNode body = json(r);
        // the English text, and its key and arguments in the message catalogue (nothing else)
        java.util.List<String> fields = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(java.util.List.of("error", "key", "args"), fields, r.text());
        assertTrue(body.get("error").asText().contains(contains), r.text());
        org.cityeval.api.result.Message m = org.cityeval.api.result.MessageCatalogue.of(body.get("error").asText());
        assertEquals(m.key(), body.get("key").asText(), r.text());
        assertEquals(m.args().size(), body.get("args").size(), r.text());
    }

    @Test
    void evaluatesCsvAndAnswersJson() throws IOException {
        Response r = call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"adcode,a,b\\n110000,1,2\\n310000,5,5\\n\", \"year\": 2023}"));
        assertEquals(200, r.status, r.text());
        JsonNode body = json(r);
        assertEquals("310000", body.get("cities").get(0).get("adcode").asText());
        assertEquals("year 2023", body.get("warnings").get(0).asText());
    }

    @Test
    void aClientThatHasGoneAwayIsNotAnApiFailure() throws IOException {
        Response r = new Response();
        r.writeFails = new java.io.EOFException("Broken pipe");
        // the answer cannot be written: no exception out of the servlet, no attempt to answer 500 instead
        servlet.service(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"adcode,a\\n110000,1\\n\"}")
                .proxy(), r.proxy());
        assertEquals(200, r.status);
        assertEquals(0, r.body.size());

        // the body was cut short: nothing to answer, nothing logged
        Request cut = new Request("POST", "/evaluate").json("{\"model\": \"m1\"");
        cut.readFails = new java.io.EOFException("early EOF");
        Response gone = new Response();
        servlet.service(cut.proxy(), gone.proxy());
        assertEquals(200, gone.status);
        assertEquals(0, gone.body.size());

        // any other failure to read is still answered as one
        Request broken = new Request("POST", "/evaluate").json("{\"model\": \"m1\"");
        broken.readFails = new IOException("disk on fire");
        assertError(Fakes.call(servlet, broken), 500, "internal error");
    }

    @Test
    void badDataNamesRowAndColumn() throws IOException {
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"adcode,a\\n110000,x\\n\"}")),
                400, "request.csv:2:2: not a number");
    }

    @Test
    void badRequestsNameTheJsonPath() throws IOException {
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": 5, \"csv\": \"\"}")), 400, "$.model: expected a string");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"\", \"yaer\": 1}")), 400,
                "$.yaer: unknown field");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"a\", \"pack\": \"p\"}")), 400,
                "several data sources");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\"")), 400, "not JSON at line 1");
        assertError(call(new Request("POST", "/evaluate").json("[1]")), 400, "expected an object");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"a\", \"missing\": \"guess\"}")),
                400, "$.missing");
    }

    @Test
    void unknownModelsRoutesAndUploadsAre404() throws IOException {
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"nope\", \"csv\": \"\"}")), 404, "unknown model 'nope'");
        assertError(call(new Request("GET", "/models/nope")), 404, "unknown model");
        assertError(call(new Request("GET", "/nothing")), 404, "no such resource: '/api/nothing'");
        assertError(call(new Request("GET", "/models/")), 404, "no such resource");
        assertError(call(new Request("GET", null)), 404, "no such resource");
        assertError(call(new Request("GET", "/models/m1/reproduce/x")), 404, "no such resource");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"dataset\": \"0123456789abcdef0123456789abcdef\"}")),
                404, "no upload");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"dataset\": \"../../etc/passwd\"}")),
                404, "no upload");
    }

    @Test
    void wrongMethodIs405WithAllow() throws IOException {
        Response r = call(new Request("GET", "/evaluate"));
        assertError(r, 405, "use POST");
        assertEquals("POST, OPTIONS", r.header("Allow"));
        Response d = call(new Request("DELETE", "/models"));
        assertError(d, 405, "not used by this API");
        assertError(call(new Request("TRACE", "/models")), 405, "not used");
        assertError(call(new Request("PUT", "/upload")), 405, "not used");
    }

    @Test
    void optionsAnswersAllowAndNoCors() throws IOException {
        Response r = call(new Request("OPTIONS", "/models/m1").header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "GET"));
        assertEquals(204, r.status);
        assertEquals("GET, HEAD, OPTIONS", r.header("Allow"));
        assertEquals(0, r.body.size());
        assertTrue(r.headers.keySet().stream().noneMatch(h -> h.startsWith("access-control-")), r.headers.toString());
        assertError(call(new Request("OPTIONS", "/nothing")), 404, "no such resource");
    }

    @Test
    void headAnswersHeadersWithoutBody() throws IOException {
        Response r = call(new Request("HEAD", "/models"));
        assertEquals(200, r.status);
        assertEquals(0, r.body.size());
        assertTrue(Integer.parseInt(r.header("Content-Length")) > 0);
    }

    @Test
    void internalErrorsSayNothingMore() throws IOException {
        Response r = call(new Request("POST", "/evaluate").json("{\"model\": \"boom\", \"csv\": \"adcode,a\\n110000,1\\n\"}"));
        assertError(r, 500, "internal error");
        assertEquals("{\"error\":\"internal error\",\"key\":\"error.internal\",\"args\":[]}", r.text());
        assertFalse(r.text().contains("secret") || r.text().contains("Exception") || r.text().contains(".java"));
    }

    @Test
    void absentOptionalServicesAre503() throws IOException {
        assertError(call(new Request("POST", "/quality").json("{\"csv\": \"adcode,a\\n110000,1\\n\"}")), 503, "not in this runtime");
        assertError(call(new Request("GET", "/packs")), 503, "data packs (bundle org.cityeval.data) are not in this runtime");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"pack\": \"china-cities\"}")), 503,
                "not in this runtime");
        assertError(call(new Request("POST", "/compare").json("{\"published\": [\"m1\", \"boom\"]}")), 503, "concordance");
        assertError(call(new Request("POST", "/uncertainty").json("{\"model\": \"m1\", \"csv\": \"a\"}")), 503, "uncertainty");
        assertError(call(new Request("POST", "/weights").json("{\"model\": \"m1\", \"method\": \"equal\"}")), 503, "weighting");
        assertError(call(new Request("POST", "/coinr/evaluate").json("{\"iMeta\": \"a\", \"iData\": \"b\"}")), 503, "COINr");
        assertError(call(new Request("POST", "/report").json("{\"models\": [\"m1\"]}")), 503, "report writer is not in this runtime");
    }

    @Test
    void optionalServicesAnswerOnceThere() throws IOException {
        optionals.quality = data -> new QualityReport(data.source(), data.records().size(), List.of("c"), List.of());
        Response q = call(new Request("POST", "/quality").json("{\"csv\": \"adcode,a\\n110000,1\\n\"}"));
        assertEquals(200, q.status, q.text());
        assertEquals(1, json(q).get("records").asInt());

        // the workflows' live map of weighting methods (the DS component adds and removes them)
        optionals.weighting.put("equal", (WeightingMethod) (data, children, parameters) -> {
            if (parameters.containsKey("bad")) {
                throw new IllegalArgumentException("bad parameter");
            }
            return new WeightingMethod.Result(new double[] { 0.5, 0.5 }, List.of("equal"));
        });
        Response w = call(new Request("POST", "/weights").json("{\"model\": \"m1\", \"method\": \"equal\"}"));
        assertEquals(200, w.status, w.text());
        assertEquals(50.0, json(w).get("weights").get(1).get("points").asDouble());
        assertError(call(new Request("POST", "/weights").json("{\"model\": \"m1\", \"method\": \"ahp\"}")), 400,
                "available: equal");
        assertError(call(new Request("POST", "/weights").json("{\"model\": \"m1\", \"method\": \"equal\", \"node\": \"a\"}")), 400,
                "not an indicator with children");
        assertError(call(new Request("POST", "/weights").json("{\"model\": \"m1\", \"method\": \"equal\", \"parameters\": {\"bad\": 1}}")),
                400, "bad parameter");

        optionals.concordance = (results, crosswalk, top) -> new Concordance(results.stream().map(r -> r.model().id()).toList(),
                Map.of(), List.of(), Map.of(), Map.of(), List.of(), null, List.of(), List.of(), List.of(), List.of("top " + top));
        Response c = call(new Request("POST", "/compare").json(
                "{\"models\": [\"m1\", \"m1\"], \"csv\": \"adcode,a\\n110000,1\\n\"}"));
        assertError(c, 400, "at least two");
        Response c2 = call(new Request("POST", "/compare").json("{\"published\": [\"m1\", \"boom\"]}"));
        assertError(c2, 404, "ships no reference data");
    }

    @Test
    void reportIsAnAttachment() throws IOException {
        optionals.reports = new ReportWriter() {
            @Override
            public List<String> formats() {
                return List.of("html", "xlsx");
            }

            @Override
            public byte[] write(String format, Report report) {
                return (format + ":" + report.title() + ":" + report.evaluations().size()).getBytes(StandardCharsets.UTF_8);
            }
        };
        Response html = call(new Request("POST", "/report").json("{\"models\": [\"m1\"], \"csv\": \"adcode,a\\n110000,1\\n\", \"title\": \"T\"}"));
        assertEquals(200, html.status, html.text());
        assertEquals("html:T:1", html.text());
        assertTrue(html.header("Content-Type").startsWith("text/html"));
        // named after model, data and day (ReportNamesTest has the rules)
        assertTrue(html.header("Content-Disposition").matches("attachment; filename=\"m1_csv_\\d{4}-\\d{2}-\\d{2}\\.html\""),
                html.header("Content-Disposition"));

        Response xlsx = call(new Request("POST", "/report").query("format=xlsx")
                .json("{\"models\": [\"m1\"], \"csv\": \"adcode,a\\n110000,1\\n\"}"));
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.header("Content-Type"));
        assertTrue(xlsx.header("Content-Disposition").matches("attachment; filename=\"m1_csv_\\d{4}-\\d{2}-\\d{2}\\.xlsx\""),
                xlsx.header("Content-Disposition"));

        assertError(call(new Request("POST", "/report").query("format=pdf").json("{\"models\": [\"m1\"]}")), 400, "html or xlsx");
        Response failed = call(new Request("POST", "/report").json("{\"models\": [\"m1\"]}"));
        assertError(failed, 404, "ships no reference data");
        assertNull(failed.header("Content-Disposition"));
    }

    @Test
    void uploadThenEvaluateWithTheToken() throws IOException {
        Response up = call(new Request("POST", "/upload").query("name=dir%2F..%2Fcities.csv")
                .body("adcode,a,b\n110000,1,2\n310000,3,4\n".getBytes(StandardCharsets.UTF_8), "text/csv"));
        assertEquals(200, up.status, up.text());
        JsonNode u = json(up);
        assertEquals("cities.csv", u.get("name").asText());
        assertEquals(2, u.get("cities").asInt());
        assertEquals("[\"a\",\"b\"]", u.get("columns").toString());
        assertEquals("[]", u.get("years").toString());
        String token = u.get("dataset").asText();
        assertTrue(token.matches("[0-9a-f]{32}"), token); // 128 random bits

        Response ev = call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"dataset\": \"" + token + "\"}"));
        assertEquals(200, ev.status, ev.text());
        assertEquals("310000", json(ev).get("cities").get(0).get("adcode").asText());

        Response cov = call(new Request("POST", "/coverage").json("{\"dataset\": \"" + token + "\"}"));
        assertEquals(200, cov.status, cov.text());
        assertEquals(2, json(cov).size(), "one coverage per model");
    }

    @Test
    void badUploadsAre400AndLargeOnes413() throws IOException {
        assertError(call(new Request("POST", "/upload").query("name=x.csv")
                .body("adcode,a\n110000,1\n310000,zz\n".getBytes(StandardCharsets.UTF_8), "text/csv")), 400, "x.csv:3:2: not a number");
        assertError(call(new Request("POST", "/upload").body("adcode\n".getBytes(StandardCharsets.UTF_8), "text/csv")), 400,
                "?name=");
        assertError(call(new Request("POST", "/upload").query("name=x.exe").body(new byte[10], "application/octet-stream")),
                400, "no importer");
        assertError(call(new Request("POST", "/upload").query("name=x.csv").body(new byte[10_001], "text/csv")), 413,
                "larger than 10000 bytes");
        assertError(call(new Request("POST", "/evaluate").json("{\"model\": \"m1\", \"csv\": \"" + "1".repeat(10_000) + "\"}")),
                413, "larger than");
    }

    @Test
    void validateAnswersProblemsWithPaths() throws IOException {
        Response ok = call(new Request("POST", "/validate").json("{\"id\": \"x\"}"));
        assertEquals("{\"source\":\"descriptor.json\",\"valid\":true,\"models\":[],\"problems\":[],\"warnings\":[],"
                + "\"notes\":[\"no variable catalogue in this runtime (bundle org.cityeval.data): binding variables not "
                + "checked\"]}", ok.text());
        Response bad = call(new Request("POST", "/validate").json("{}"));
        assertEquals(200, bad.status, "the report is the answer, valid or not");
        assertTrue(bad.text().contains("\"valid\":false,\"models\":[],\"problems\":[{\"jsonPath\":\"$.id\",\"reason\":\"required\"}]"),
                bad.text());
        assertError(call(new Request("POST", "/validate").query("pack=nope").json("{\"id\": \"x\"}")), 503, "data packs");
    }

    @Test
    void openapiIsServed() throws IOException {
        Response r = call(new Request("GET", "/openapi.json"));
        assertEquals(200, r.status);
        assertEquals("3.0.3", json(r).get("openapi").asText());
        assertNull(r.header("Content-Disposition"));
    }

    @Test
    void requestsFromOtherSitesAre403() throws IOException {
        assertError(call(new Request("GET", "/models").header("Host", "evil.example:8080")), 403, "Host header");
        assertError(call(new Request("POST", "/evaluate").header("Origin", "http://evil.example")
                .json("{\"model\": \"m1\", \"csv\": \"adcode,a\\n110000,1\\n\"}")), 403, "cross-origin");
        Response same = call(new Request("POST", "/evaluate").header("Origin", "http://127.0.0.1:8080")
                .json("{\"model\": \"m1\", \"csv\": \"adcode,a\\n110000,1\\n\"}"));
        assertEquals(200, same.status, same.text());
        Response get = call(new Request("GET", "/models").header("Origin", "http://evil.example"));
        assertEquals(200, get.status, "a cross-origin GET is answered; without CORS headers the page cannot read it");
    }
}
