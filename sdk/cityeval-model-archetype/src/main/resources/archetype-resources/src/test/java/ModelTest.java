package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;

import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.testkit.CityevalRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model in a real cityeval runtime (the test kit: Felix, SCR and the runtime bundles, with this project's
 * bundle from target/classes): every descriptor valid, the sample data evaluated, any reference table
 * reproduced exactly.
 */
class ModelTest {
    static CityevalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = CityevalRuntime.forProject();
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void everyDescriptorIsValid() throws Exception {
        assertEquals(List.of(), CityevalRuntime.lines(runtime.validate()));
    }

    @Test
    void evaluatesTheSampleData() throws Exception {
        EvaluationResult r = runtime.evaluate(Path.of("src/test/resources/sample-data.csv"));
        assertFalse(r.cities().isEmpty());
        for (CityResult c : r.cities()) {
            assertNotNull(c.score(), c.name());
        }
    }

    @Test
    void reproducesEveryReferenceTableExactly() throws Exception {
        for (String id : runtime.modelIds()) {
            if (runtime.hasReference(id)) {
                assertEquals(List.of(), CityevalRuntime.differences(runtime.reproduce(id)), id);
            }
        }
    }
}
