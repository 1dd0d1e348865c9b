package org.cityeval.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.ValueSources;
import org.cityeval.api.model.Binding;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.LeafProvenance;
import org.cityeval.api.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

/** The provenance of a city's leaf: the columns the leaf reads, each with its source and conflicts. */
class ProvenanceComponentTest {
    private static final LocalizedText T = new LocalizedText("叶", "leaf");
    private static final City HZ = city("330100", "杭州市", "杭州", "Hangzhou");
    private static final City TZ_ZJ = city("331000", "台州市", "台州", "Taizhou");
    private static final City TZ_JS = city("321200", "台州市", "台州", "Taizhou"); // the name twice, to be ambiguous

    private static City city(String adcode, String name, String shortName, String pinyin) {
        return new City(adcode, name, shortName, name, pinyin, adcode.substring(0, 2) + "0000", "省", "省", "prefecture",
                false, false, false);
    }

    private static Indicator leaf(String id, Binding binding) {
        return new Indicator(id, T, 1, new Weight(50, Provenance.PUBLISHED, null), null, null, null, null, null,
                List.of(), binding, null);
    }

    private static final EvaluationModel MODEL = new EvaluationModel("m", T, T, null, 2024, new Scale("points", 100, 1),
            new Indicator("total", T, 0, new Weight(100, Provenance.PUBLISHED, null), null, null, null, null, null,
                    List.of(leaf("a", null), leaf("b", new Binding("ratio", List.of("x", "y"), null, null, null)))),
            null, null, null, null);

    private static final CityDataset FORM = new CityDataset("form.xlsx", List.of("a", "x"), List.of(
            new CityRecord(HZ, 2, 2022, Map.of("a", 1.0), Map.of()),
            new CityRecord(HZ, 3, 2023, Map.of("a", 2.0, "x", 50.0), Map.of()),
            new CityRecord(TZ_ZJ, 4, 2023, Map.of("a", 3.0), Map.of()),
            new CityRecord(TZ_JS, 5, 2023, Map.of("a", 4.0), Map.of())),
            Map.of("a", 3, "x", 4), ValueSources.builder(2, null, null, "数值").note(1, 0, "统计公报").build());
    private static final CityDataset PACK = new CityDataset("pack.csv", List.of("x", "y"), List.of(
            new CityRecord(HZ, 7, 2023, Map.of("x", 40.0, "y", 8.0), Map.of())), Map.of("x", 2, "y", 3));

    private final ProvenanceComponent provenance = new ProvenanceComponent(new DataSources() {
        @Override
        public CityDataset read(DataSource source) {
            return source.kind() == DataSource.Kind.MERGED
                    ? DatasetMerger.merge(List.of(FORM, PACK), List.of("form.xlsx", "pack:p"), 0.05)
                    : FORM;
        }

        @Override
        public byte[] bytes(DataSource source) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DataPackCatalog.DataPack> packs() {
            return List.of();
        }

        @Override
        public Upload upload(String name, byte[] bytes) {
            throw new UnsupportedOperationException();
        }
    }, id -> {
        if (!id.equals("m")) {
            throw WorkflowException.notFound("unknown model " + id);
        }
        return new LoadedModel(MODEL, "b", "1", "m.json");
    });

    private static final DataSource MERGED = DataSource.merged(List.of(DataSource.parse("form.xlsx"),
            DataSource.pack("p")));

    @Test
    void aLeafOfTheDatasOwnColumnNamesItsCellAndNoteInTheLatestYear() throws Exception {
        LeafProvenance p = provenance.provenance("m", DataSource.parse("form.xlsx"), "杭州", "a", null);
        assertEquals(2023, p.year(), "the latest year with the leaf's values");
        assertEquals("column", p.via());
        assertEquals(2.0, p.values().get(0).value());
        assertEquals("form.xlsx [数值] row 3, column 3 (C3)", p.values().get(0).source().position());
        assertEquals("统计公报", p.values().get(0).source().note());
        assertEquals(1.0, provenance.provenance("m", DataSource.parse("form.xlsx"), "330100", "a", 2022).values().get(0)
                .value());
    }

    @Test
    void aBoundLeafNamesEachVariableWithItsInputAndConflicts() throws Exception {
        LeafProvenance p = provenance.provenance("m", MERGED, "Hangzhou", "b", 2023);
        assertEquals("ratio", p.via());
        assertEquals("form.xlsx+pack:p", p.data());
        assertEquals(List.of("x", "y"), p.values().stream().map(v -> v.column()).toList());
        assertEquals("form.xlsx", p.values().get(0).source().input());
        assertEquals(50.0, p.values().get(0).value());
        assertEquals(40.0, p.values().get(0).conflicts().get(0).other(), "the pack's x set aside: 20% apart");
        assertEquals("pack:p", p.values().get(1).source().input());
        assertEquals(7, p.values().get(1).source().row());
        assertEquals(List.of(), p.values().get(1).conflicts());
    }

    @Test
    void aValueTheDataLackHasNoSource() throws Exception {
        LeafProvenance p = provenance.provenance("m", DataSource.parse("form.xlsx"), "330100", "b", 2022);
        assertNull(p.values().get(0).value());
        assertNull(p.values().get(0).source());
    }

    @Test
    void unknownOrAmbiguousNamesAreRefusedWithWhatWouldDo() {
        DataSource form = DataSource.parse("form.xlsx");
        assertEquals("model m has no node 'zz'", assertThrows(WorkflowException.class,
                () -> provenance.provenance("m", form, "杭州", "zz", null)).getMessage());
        assertEquals("total in m is not a leaf; its leaves: a, b", assertThrows(WorkflowException.class,
                () -> provenance.provenance("m", form, "杭州", "total", null)).getMessage());
        assertEquals("no city '北京' in form.xlsx", assertThrows(WorkflowException.class,
                () -> provenance.provenance("m", form, "北京", "a", null)).getMessage());
        assertEquals("city '台州市' is ambiguous in form.xlsx: 台州市 (331000), 台州市 (321200); give the adcode",
                assertThrows(WorkflowException.class, () -> provenance.provenance("m", form, "台州市", "a", null))
                        .getMessage());
        assertEquals("杭州市 2021 is not in form.xlsx", assertThrows(WorkflowException.class,
                () -> provenance.provenance("m", form, "杭州", "a", 2021)).getMessage());
    }
}
