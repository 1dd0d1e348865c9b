package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.cityeval.cities.internal.CityRegistryComponent;
import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/names} over the real city registry: the pinyin English mode shows (issue 15). */
class NameEndpointsTest {
    private static final CityRegistryComponent REGISTRY = new CityRegistryComponent();

    private static ApiServlet servlet(boolean withCities) {
        Optionals o = new Optionals();
        return new ApiServlet(Routes.build(Fakes.services(o), o.store, () -> null, () -> withCities ? REGISTRY : null, () -> null),
                new RequestGuard(java.util.Set.of(), java.util.Set.of()), 10_000);
    }

    @Test
    void everyCityHasItsPinyinAndEveryProvinceItsRomanisation() throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/names"));
        assertEquals(200, r.status, r.text());
        JsonNode names = ApiJson.MAPPER.readTree(r.body.toByteArray());
        assertEquals("Hangzhou", names.get("cities").get("330100").asText());
        assertEquals("Beijing", names.get("cities").get("110000").asText());
        assertEquals(REGISTRY.cities().size(), names.get("cities").size(), "every registry city has a pinyin");
        assertEquals("Zhejiang", names.get("provinces").get("浙江省").asText());
        assertEquals("Zhejiang", names.get("provinces").get("浙江").asText());
        assertEquals("Guangxi", names.get("provinces").get("广西壮族自治区").asText());
        assertEquals("Inner Mongolia", names.get("provinces").get("内蒙古自治区").asText());
        names.get("provinces").fields().forEachRemaining(e -> assertTrue(e.getValue().asText().matches("[A-Z][a-z]+( [A-Z][a-z]+)?"),
                e.getKey() + " → " + e.getValue()));
    }

    @Test
    void withoutTheRegistry503() throws IOException {
        Response r = Fakes.call(servlet(false), new Request("GET", "/names"));
        assertEquals(503, r.status, r.text());
    }
}
