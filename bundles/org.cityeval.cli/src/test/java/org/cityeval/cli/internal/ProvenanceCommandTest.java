package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.data.SourceConflict;
import org.cityeval.api.data.ValueSource;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.LeafProvenance;
import org.cityeval.api.workflow.ValueOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceCommandTest {
    private static final City HZ = new City("330100", "杭州市", "杭州", "杭州市", "Hangzhou", "330000", "浙江省", "浙江",
            "prefecture", true, true, true);

    @Test
    void dataJoinedByPlusAreMergedFirstWins() {
        DataSource d = ProvenanceCommand.parse("form.xlsx+pack:china-cities");
        assertEquals(DataSource.Kind.MERGED, d.kind());
        assertEquals(List.of(DataSource.parse("form.xlsx"), DataSource.pack("china-cities")), d.parts());
        assertEquals(DataSource.pack("china-cities"), ProvenanceCommand.parse("pack:china-cities"));
    }

    @Test
    void aFileWhoseNameHasAPlusIsThatFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("a+b.csv"), "city,x\n杭州,1\n");
        assertEquals(DataSource.file(f), ProvenanceCommand.parse(f.toString()));
    }

    @Test
    void theTableNamesFileSheetCellNoteAndConflicts() {
        ValueSource form = new ValueSource("f.xlsx", "f.xlsx", "数值", 4, 7, "杭州统计年鉴2024");
        ValueSource pack = new ValueSource("pack:china-cities", "org.cityeval.data.china/data/china-cities.csv", null,
                812, 4, null);
        LeafProvenance p = new LeafProvenance("m", "A1", "数字经济", HZ, 2023, "column", "f.xlsx+pack:china-cities",
                List.of(new ValueOrigin("A1", 20000.0, form,
                        List.of(new SourceConflict(HZ, 2023, "A1", 20000, form, 18753, pack)))));
        String text = ProvenanceCommand.table(p);
        List<String> lines = text.lines().toList();
        assertEquals("杭州市 (330100) 2023 · m · A1 数字经济 · the data's own column · data f.xlsx+pack:china-cities",
                lines.get(0));
        String row = lines.stream().filter(l -> l.startsWith("A1 ")).findFirst().orElseThrow();
        assertEquals(List.of("A1", "20000", "f.xlsx", "f.xlsx", "数值", "4", "G4", "(column", "7)", "杭州统计年鉴2024"),
                List.of(row.strip().split(" +")), row);
        assertEquals("conflict: A1 = 18753 from pack:china-cities (org.cityeval.data.china/data/china-cities.csv row 812,"
                + " column 4 (D812)) set aside; 20000 kept from f.xlsx (they differ by 6.2% of the larger)",
                lines.get(lines.size() - 1));
    }
}
