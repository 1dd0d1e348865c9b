package org.cityeval.data.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.LocalizedText;

/** Hand-made cities, records and catalogues for the tests. */
final class TestData {
    private TestData() {
    }

    static City city(String adcode, String name) {
        return new City(adcode, name, name, name, name, adcode.substring(0, 2) + "0000", "省", "省", "prefecture_city",
                false, false, false);
    }

    /** A record; values as alternating column, value (a {@code null} value leaves the column out). */
    static CityRecord rec(City city, Integer year, Object... columnsAndValues) {
        Map<String, Double> values = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            Object v = columnsAndValues[i + 1];
            if (v != null) {
                values.put((String) columnsAndValues[i], ((Number) v).doubleValue());
            }
        }
        return new CityRecord(city, 2, year, values, Map.of());
    }

    static Variable variable(String id, String bounds, String... sameAs) {
        return new Variable(id, new LocalizedText(id, id), "unit", Direction.POSITIVE, "test variable", "test",
                List.of(sameAs), bounds);
    }

    static VariableCatalog catalog(Variable... vars) {
        return catalog(List.of(vars));
    }

    static VariableCatalog catalog(List<Variable> vars) {
        List<Variable> copy = new ArrayList<>(vars);
        return new VariableCatalog() {
            @Override
            public List<Variable> variables() {
                return copy;
            }

            @Override
            public Optional<Variable> find(String id) {
                return copy.stream().filter(v -> v.id().equals(id)).findFirst();
            }
        };
    }
}
