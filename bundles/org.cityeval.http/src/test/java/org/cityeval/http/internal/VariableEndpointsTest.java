package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/variables}: the catalogue variables with years and coverage, as {@code cityeval variables}. */
class VariableEndpointsTest {
    @TempDir
    Path dir;

    private ApiServlet servlet(boolean withData) throws IOException {
        Optionals o = new Optionals();
        if (withData) {
            URL url = Files.writeString(dir.resolve("p.csv"), "adcode,x,gdp\n110000,2,1\n120000,3\n", StandardCharsets.UTF_8)
                    .toUri().toURL();
            o.packs = new DataPackCatalog() {
                @Override
                public List<DataPack> packs() {
                    return List.of(new DataPack("p", "a pack", "b", "p.csv"));
                }

                @Override
                public Optional<URL> open(String name) {
                    return name.equals("p") ? Optional.of(url) : Optional.empty();
                }
            };
            List<Variable> vars = List.of(new Variable("gdp", new LocalizedText("地区生产总值", "GDP"), "亿元", Direction.POSITIVE,
                    "d", "s", List.of(), "nonnegative"), new Variable("unpacked", new LocalizedText("无", "none"), "u",
                            Direction.NEGATIVE, "d", "s", List.of(), null));
            o.variables = new VariableCatalog() {
                @Override
                public List<Variable> variables() {
                    return vars;
                }

                @Override
                public Optional<Variable> find(String id) {
                    return vars.stream().filter(v -> v.id().equals(id)).findFirst();
                }
            };
        }
        return Fakes.servlet(o, 10_000);
    }

    private static JsonNode json(Response r) throws IOException {
        return ApiJson.MAPPER.readTree(r.body.toByteArray());
    }

    @Test
    void aPacksVariablesWithCoverage() throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/variables").query("pack=p"));
        assertEquals(200, r.status, r.text());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        JsonNode vars = json(r).get("variables");
        assertEquals(1, vars.size(), r.text());
        JsonNode gdp = vars.get(0);
        assertEquals("gdp", gdp.get("variable").get("id").asText());
        assertEquals("地区生产总值", gdp.get("variable").get("name").get("zh").asText());
        assertEquals("亿元", gdp.get("variable").get("unit").asText());
        assertEquals("p", gdp.get("pack").asText());
        assertEquals(0, gdp.get("years").size(), "the pack has no years");
        assertTrue(gdp.get("coverage").get(0).get("year").isNull());
        assertEquals(2, gdp.get("coverage").get(0).get("cities").asInt());
        assertEquals(1, gdp.get("coverage").get(0).get("values").asInt());
    }

    @Test
    void withoutAPackEveryPackThenTheVariablesNoPackCarries() throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/variables"));
        assertEquals(200, r.status, r.text());
        JsonNode vars = json(r).get("variables");
        assertEquals(2, vars.size(), r.text());
        assertEquals("unpacked", vars.get(1).get("variable").get("id").asText());
        assertTrue(vars.get(1).get("pack").isNull());
    }

    @Test
    void anUnknownPackIs404NamingTheInstalledOnes() throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/variables").query("pack=nope"));
        assertEquals(404, r.status, r.text());
        assertEquals("no data pack 'nope'; shipped: [p]", json(r).get("error").asText());
        Response empty = Fakes.call(servlet(true), new Request("GET", "/variables").query("pack="));
        assertEquals(400, empty.status, empty.text());
    }

    @Test
    void withoutTheDataBundleIs503() throws IOException {
        Response r = Fakes.call(servlet(false), new Request("GET", "/variables"));
        assertEquals(503, r.status, r.text());
        assertEquals("the variable catalogue (bundle org.cityeval.data) is not in this runtime", json(r).get("error").asText());
    }
}
