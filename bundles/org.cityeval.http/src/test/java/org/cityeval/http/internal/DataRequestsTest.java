package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.cityeval.api.model.MissingData;
import org.cityeval.api.service.EvaluationOptions;
import org.junit.jupiter.api.Test;

class DataRequestsTest {
    private static Fields fields(String json) {
        return Fields.of(ApiJson.object(json.getBytes(StandardCharsets.UTF_8), "request body"));
    }

    private static String refused(String json) {
        HttpError e = assertThrows(HttpError.class, () -> DataRequests.options(fields(json)), json);
        assertEquals(400, e.status);
        return e.getMessage();
    }

    @Test
    void optionsAsTheCli() {
        assertEquals(EvaluationOptions.DEFAULTS, DataRequests.options(fields("{}")));
        assertEquals(new EvaluationOptions(null, 2023), DataRequests.options(fields("{\"year\": 2023}")));
        assertEquals(new MissingData("group-mean", "province", null), DataRequests.options(fields("{\"missing\": \"group-mean\"}")).missing());
        assertEquals(new MissingData("group-mean", "region", 0.5),
                DataRequests.options(fields("{\"missing\": \"group-mean:region\", \"minCoverage\": 0.5}")).missing());
        assertEquals(new MissingData("none", null, 0.8), DataRequests.options(fields("{\"minCoverage\": 0.8}")).missing());
        assertNull(DataRequests.options(fields("{\"year\": null}")).year());
        assertEquals(0.3, DataRequests.options(fields("{\"coverageThreshold\": 0.3}")).coverageThreshold());
        assertEquals(0.5, DataRequests.options(fields("{}")).effectiveCoverageThreshold());
    }

    @Test
    void badOptionsNameTheirPath() {
        assertTrue(refused("{\"year\": \"2023\"}").startsWith("$.year"));
        assertTrue(refused("{\"year\": 20.5}").startsWith("$.year"));
        assertTrue(refused("{\"missing\": \"guess\"}").startsWith("$.missing"));
        // any registered grouping rule may follow ':' (issue 14), so a name is refused here only when it cannot be
        // a rule name or follows a method that does not group; an unregistered name is refused by the engine
        assertTrue(refused("{\"missing\": \"group-mean:no such rule\"}").startsWith("$.missing"));
        assertTrue(refused("{\"missing\": \"median:region\"}").startsWith("$.missing"));
        assertTrue(refused("{\"minCoverage\": 1.5}").startsWith("$.minCoverage"));
        assertTrue(refused("{\"coverageThreshold\": 1.5}").startsWith("$.coverageThreshold"));
        assertTrue(refused("{\"coverageThreshold\": \"half\"}").startsWith("$.coverageThreshold"));
    }

    @Test
    void exactlyOneDataSource() throws Exception {
        DataRequests data = new DataRequests(Fakes.services(new Fakes.Optionals()));
        assertTrue(assertThrows(HttpError.class, () -> data.read(fields("{}"))).getMessage().startsWith("no data"));
        assertTrue(assertThrows(HttpError.class, () -> data.read(fields("{\"csv\": \"a\", \"rows\": []}"))).getMessage()
                .startsWith("several data sources [csv, rows]"));
        assertTrue(assertThrows(HttpError.class, () -> data.read(fields("{\"rows\": {}}"))).getMessage().startsWith("$.rows"));
        assertTrue(assertThrows(HttpError.class, () -> data.read(fields("{\"csv\": 5}"))).getMessage().startsWith("$.csv"));
        assertEquals(1, data.read(fields("{\"csv\": \"adcode,a\\n110000,1\\n\", \"year\": null}")).records().size());
    }

    @Test
    void jsonErrorsSayWhere() {
        HttpError e = assertThrows(HttpError.class, () -> fields("{\"a\": 1,\n \"a\": 2}"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
        assertTrue(assertThrows(HttpError.class, () -> fields("{} {}")).getMessage().contains("not JSON"));
        assertTrue(assertThrows(HttpError.class, () -> fields("")).getMessage().contains("empty"));
        String deep = "[".repeat(100) + "]".repeat(100);
        assertTrue(assertThrows(HttpError.class, () -> fields(deep)).getMessage().contains("not JSON"));
    }
}
