package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.result.Message;
import org.cityeval.api.result.MessageCatalogue;
import org.cityeval.cities.internal.CityRegistryComponent;
import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /api/cities?q=} over the real city registry (every form the CLI accepts), {@code GET /api/messages},
 * and errors with their catalogue key and arguments.
 */
class CityEndpointsTest {
    private static final CityRegistryComponent REGISTRY = new CityRegistryComponent();

    private static ApiServlet servlet(boolean withCities) {
        Optionals o = new Optionals();
        return new ApiServlet(Routes.build(Fakes.services(o), o.store, () -> null, () -> withCities ? REGISTRY : null, () -> null),
                new RequestGuard(java.util.Set.of(), java.util.Set.of()), 10_000);
    }

    private static JsonNode json(Response r) throws IOException {
        return ApiJson.MAPPER.readTree(r.body.toByteArray());
    }

    private static List<String> adcodes(String q) throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/cities").query("q=" + java.net.URLEncoder.encode(q,
                java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(200, r.status, r.text());
        List<String> out = new ArrayList<>();
        json(r).get("cities").forEach(c -> out.add(c.get("adcode").asText()));
        return out;
    }

    @Test
    void everyFormTheCliAcceptsFindsHangzhou() throws IOException {
        for (String q : List.of("Hangzhou", "hangzhou", "HANGZHOU", "杭州", "杭州市", "330100")) {
            assertEquals(List.of("330100"), adcodes(q), q);
        }
        assertEquals(List.of("110000"), adcodes("北京市"), "a municipality by its name");
    }

    @Test
    void traditionalNamesResolve() throws IOException {
        // 廣州 (traditional) is 广州市
        assertEquals(List.of("440100"), adcodes("廣州市"));
    }

    @Test
    void anAmbiguousKeyAnswersEveryCandidateAndAPinyinPrefixTheCitiesItStarts() throws IOException {
        List<String> taizhou = adcodes("Taizhou");
        assertTrue(taizhou.containsAll(List.of("321200", "331000")), "泰州 and 台州: " + taizhou);
        List<String> hang = adcodes("Hang");
        assertTrue(hang.contains("330100"), "Hang… finds 杭州 as it is typed: " + hang);
        assertEquals(List.of(), adcodes("Atlantis"));
    }

    @Test
    void anEmptyQueryIsBadAndNoRegistryIs503() throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/cities"));
        assertEquals(400, r.status, r.text());
        Response none = Fakes.call(servlet(false), new Request("GET", "/cities").query("q=x"));
        assertEquals(503, none.status, none.text());
        assertEquals("error.unavailable", json(none).get("key").asText(), none.text());
        assertEquals("the city registry is", json(none).get("args").get(0).asText(), none.text());
    }

    @Test
    void theCatalogueIsServedWithBothLanguagesForEveryKey() throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/messages"));
        assertEquals(200, r.status, r.text());
        JsonNode messages = json(r).get("messages");
        assertTrue(messages.size() > 20, r.text());
        messages.fields().forEachRemaining(e -> {
            assertTrue(!e.getValue().get("en").asText().isEmpty(), e.getKey());
            assertTrue(e.getValue().get("zh").asText().codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN), "the Chinese template of " + e.getKey() + " is Chinese");
        });
    }

    @Test
    void anErrorCarriesItsKeyAndArguments() throws IOException {
        Response r = Fakes.call(servlet(true), new Request("GET", "/models/nope"));
        assertEquals(404, r.status, r.text());
        JsonNode body = json(r);
        Message m = MessageCatalogue.of(body.get("error").asText());
        assertEquals(m.key(), body.get("key").asText(), r.text());
        assertEquals(m.args().size(), body.get("args").size(), r.text());
    }

    @Test
    void aTextIsRecognisedAndSaidInChinese() {
        Message m = MessageCatalogue.of("bad.csv:2:3: not a number: 'abc' in column 'network_governance'");
        assertEquals("error.notNumber.column", m.key());
        assertEquals(List.of("bad.csv", "2:3", "abc", "network_governance"), m.args());
        assertEquals("bad.csv:2:3：“network_governance”列中的“abc”不是数字",
                MessageCatalogue.get().format(m.key(), m.args(), "zh"));
        assertEquals(m.text(), MessageCatalogue.get().format(m.key(), m.args(), "en"), "the English template is the text");

        Message years = MessageCatalogue.of("evaluated the 2023 records (the data hold 3 years, 2021–2023)");
        assertEquals("evaluation.years", years.key());
        assertEquals(List.of("2023", "3", "2021", "2023"), years.args());

        Message unknown = MessageCatalogue.of("something new");
        assertEquals(MessageCatalogue.UNKNOWN, unknown.key());
        assertEquals("something new", MessageCatalogue.get().format(unknown.key(), unknown.args(), "zh"));
        assertNotNull(MessageCatalogue.get().templates().get("error.unranked.none"));
    }

    @Test
    void everyTemplateRecognisesItsOwnEnglishText() {
        MessageCatalogue catalogue = MessageCatalogue.get();
        catalogue.templates().forEach((key, t) -> {
            List<String> args = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                args.add("a" + i + "x");
            }
            String text = catalogue.format(key, args, "en");
            Message m = catalogue.recognise(text);
            assertEquals(key, m.key(), "a later template shadowed by an earlier one: " + text);
        });
    }
}
