package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Weight;
import org.junit.jupiter.api.Test;

/** The rule on its own: points, missing values, and a clear message for a bad parameter. */
class CappedRatioRuleTest {
    static final Indicator LEAF = new Indicator("finance_depth", null, 2, new Weight(25, Provenance.PUBLISHED, null),
            Direction.POSITIVE, null, null, null, null, List.of());

    @Test
    void scoresUpToTheTarget() {
        double[] points = new CappedRatioRule().score(new double[] {150, 300, 600, Double.NaN}, LEAF,
                Map.of("target", 300));
        assertArrayEquals(new double[] {12.5, 25, 25, Double.NaN}, points, 1e-12);
    }

    @Test
    void refusesAnUnknownParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CappedRatioRule().score(new double[] {1}, LEAF, Map.of("target", 300, "cap", 1)));
        assertTrue(e.getMessage().contains("unknown parameter 'cap'"), e.getMessage());
    }

    @Test
    void refusesAMissingTarget() {
        assertThrows(IllegalArgumentException.class, () -> new CappedRatioRule().score(new double[] {1}, LEAF, Map.of()));
    }
}
