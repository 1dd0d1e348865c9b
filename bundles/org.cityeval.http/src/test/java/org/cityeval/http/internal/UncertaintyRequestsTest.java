package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.NormalisationChoice;
import org.cityeval.api.analysis.UncertaintySpec;
import org.junit.jupiter.api.Test;

class UncertaintyRequestsTest {
    private static Fields fields(String json) {
        return Fields.of(ApiJson.object(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "body"));
    }

    /** The spec and its cap, with the run count from the real workflow (the formula moved there from here). */
    private static UncertaintySpec spec(Fields f, int models) {
        UncertaintySpec s = UncertaintyRequests.spec(f);
        UncertaintyRequests.limit(f, s, runs(s, models));
        return s;
    }

    private static long runs(UncertaintySpec s, int models) {
        List<String> ids = models == 1 ? List.of("a") : List.of("a", "b");
        return Fakes.services(new Fakes.Optionals()).uncertainty().runs(org.cityeval.api.workflow.UncertaintyRequest.of(ids,
                org.cityeval.api.workflow.DataSource.pack("p"), s));
    }

    private static String refused(String json, int models) {
        HttpError e = assertThrows(HttpError.class, () -> spec(fields(json), models), json);
        assertEquals(400, e.status);
        return e.getMessage();
    }

    @Test
    void readsTheSpecByItsFieldNames() {
        UncertaintySpec s = spec(fields("{\"replications\": 500, \"seed\": 7, \"threads\": 2, "
                + "\"weightNoise\": {\"1\": 0.25, \"2\": 0.1}, \"normalisations\": [\"min-max\", \"rank\"], "
                + "\"aggregations\": [\"arithmetic\"], \"winsorisation\": [1, 2, 3], \"sobol\": true}"), 1);
        assertEquals(500, s.replications());
        assertEquals(7, s.seed());
        assertEquals(2, s.threads());
        assertEquals(Map.of(1, 0.25, 2, 0.1), s.weightNoise());
        assertEquals(List.of(NormalisationChoice.MIN_MAX, NormalisationChoice.RANK), s.normalisations());
        assertEquals(List.of(1, 2, 3), s.winsorisation());
        assertTrue(s.sobol());
        // weights at two levels, normalisation, winsorisation: k = 4, Sobol runs N (k + 2)
        assertEquals(500 * 6, runs(s, 1));
    }

    @Test
    void defaultsAsTheCli() {
        UncertaintySpec s = spec(fields("{}"), 1);
        assertEquals(1000, s.replications());
        assertEquals(1, s.seed());
        assertEquals(0, s.threads());
    }

    @Test
    void capsWhatOneRequestMayAsk() {
        assertTrue(refused("{\"replications\": 100001}", 1).contains("$.replications"));
        assertTrue(refused("{\"replications\": 1}", 1).contains("from 2 to 100000"));
        assertTrue(refused("{\"threads\": 65}", 1).contains("$.threads"));
        assertTrue(refused("{\"threads\": -1}", 1).contains("$.threads"));
        // 100000 x (k + 2) with k = 9 weight levels + model choice = 12 -> 1.2 million runs
        String many = "{\"replications\": 100000, \"sobol\": true, \"weightNoise\": {\"1\": 0.1, \"2\": 0.1, \"3\": 0.1, "
                + "\"4\": 0.1, \"5\": 0.1, \"6\": 0.1, \"7\": 0.1, \"8\": 0.1, \"9\": 0.1}}";
        assertTrue(refused(many, 2).contains("1000000 at most"));
        spec(fields("{\"replications\": 100000}"), 1);
    }

    @Test
    void namesMalformedFields() {
        assertTrue(refused("{\"weightNoise\": {\"x\": 0.1}}", 1).contains("$.weightNoise.x"));
        assertTrue(refused("{\"weightNoise\": {\"2\": \"a\"}}", 1).contains("$.weightNoise.2"));
        assertTrue(refused("{\"winsorisation\": [1, \"2\"]}", 1).contains("$.winsorisation[1]"));
        assertTrue(refused("{\"winsorisation\": \"1-5\"}", 1).contains("$.winsorisation"));
        assertTrue(refused("{\"normalisations\": [\"a\", 3]}", 1).contains("$.normalisations[1]"));
        assertTrue(refused("{\"sobol\": \"yes\"}", 1).contains("$.sobol"));
        assertTrue(refused("{\"seed\": 1.5}", 1).contains("$.seed"));
    }

    @Test
    void imputationsAndRuleAggregationsAreInputsOfTheirOwn() {
        UncertaintySpec s = spec(fields("{\"replications\": 100, \"sobol\": true, \"minCoverage\": 0.5, "
                + "\"imputations\": [\"renormalise\", \"mean\", \"group-median:region\"], "
                + "\"aggregations\": [\"model\", \"genmean:0.5\", \"copeland\"]}"), 1);
        assertEquals(List.of("renormalise", "mean", "group-median:region"),
                s.imputations().stream().map(org.cityeval.api.model.MissingData::spelling).toList());
        assertEquals(0.5, s.imputations().get(2).minCoverage());
        assertEquals(List.of("model", "genmean:0.5", "copeland"),
                s.aggregationAlternatives().stream().map(Object::toString).toList());
        // aggregation and imputation: k = 2, Sobol runs N (k + 2)
        assertEquals(100 * 4, runs(s, 1));
        assertTrue(refused("{\"imputations\": [\"mean\", \"guess\"]}", 1).contains("$.imputations[1]"));
        assertTrue(refused("{\"aggregations\": [\"genmean\"]}", 1).contains("$.aggregations[0]"));
        assertTrue(refused("{\"aggregations\": [\"genmean:x\"]}", 1).contains("genmean:0.5"));
    }
}
