package org.cityeval.extender.internal;

import static org.cityeval.extender.internal.DescriptorParserTest.JSON;
import static org.cityeval.extender.internal.DescriptorParserTest.assertRejected;
import static org.cityeval.extender.internal.DescriptorParserTest.base;
import static org.cityeval.extender.internal.DescriptorParserTest.parse;
import static org.cityeval.extender.internal.DescriptorParserTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cityeval.api.model.EvaluationModel;
import org.junit.jupiter.api.Test;

/** The {@code units} field: the level of the units a model evaluates. */
class UnitsDescriptorTest {

    @Test
    void cityByDefaultCountyOrFreeWhenDeclared() throws Exception {
        assertEquals(EvaluationModel.UNITS_CITY, parse(base()).units());
        var county = base();
        county.put("units", "county");
        assertEquals(EvaluationModel.UNITS_COUNTY, parse(county).units());
        var free = base();
        free.remove("groups"); // the base model groups its cities by province
        free.put("units", "free");
        assertEquals(EvaluationModel.UNITS_FREE, parse(free).units());
    }

    @Test
    void anotherLevelIsRefusedAtItsPath() {
        assertRejected("$.units", "one of \"city\", \"county\", \"free\"", rejected(d -> d.put("units", "town")));
        assertRejected("$.units", "one of", rejected(d -> d.put("units", 3)));
    }

    @Test
    void freeUnitsAreRefusedWhenTheModelNeedsAProvince() {
        assertRejected("$.units", "groups its units by province", rejected(d -> {
            d.put("units", "free"); // the base model groups its cities by province
        }));
        assertRejected("$.units", "imputes within groups", rejected(d -> {
            d.put("units", "free");
            d.remove("groups");
            d.set("missing", JSON.valueToTree(java.util.Map.of("method", "group-mean", "groupBy", "province")));
        }));
    }
}
