package org.cityeval.io.internal;

import static org.cityeval.io.internal.XlsxBuilder.num;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CityRegistry;
import org.junit.jupiter.api.Test;

/**
 * One table saved three ways, as Excel or WPS on a Chinese Windows would save it: "CSV" (GBK), "CSV UTF-8"
 * (with a byte order mark) and a workbook (numbers as stored doubles, percentages as fractions, thousands
 * separators only a display format). All three import to identical datasets.
 */
class SameTableTest {
    private static final Charset GBK = Charset.forName("GBK");
    private final CityRegistry cities = new FakeCityRegistry();

    /** As Excel writes a double into {@code <v>}: 17 significant digits. */
    private static XlsxBuilder.Num excel(double d) {
        return num(new BigDecimal(d).round(new MathContext(17)).stripTrailingZeros().toPlainString());
    }

    private static byte[] bom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private CityDataset csv(byte[] bytes) throws Exception {
        return new CsvDatasetImporter().read("table", new ByteArrayInputStream(bytes), cities);
    }

    private CityDataset xlsx(XlsxBuilder sheet) throws Exception {
        return new XlsxDatasetImporter().read("table", new ByteArrayInputStream(sheet.bytes()), cities);
    }

    @Test
    void wideTable() throws Exception {
        String text = """
                city,year,gdp,internet_rate,数字经济指数,note\r
                杭州,2022,"18,753.0",85.7%,0.1,省会\r
                杭州,2023,"20,059.5",87.5%,—,\r
                北京市,2022,"41,610.9",12.5%,85.7,首都\r
                臺州市,2022,"1,234.5",1.1%,N/A,\r
                """;
        byte[] gbk = text.getBytes(GBK);
        assertThrows(CharacterCodingException.class, // really not UTF-8: the GB18030 path is taken
                () -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(gbk)));
        XlsxBuilder sheet = new XlsxBuilder()
                .row("city", "year", "gdp", "internet_rate", "数字经济指数", "note")
                .row("杭州", num("2022"), num("18753"), excel(0.857), excel(0.1), "省会")
                .row("杭州", num("2023"), num("20059.5"), num("0.875"), null, null)
                .row("北京市", num("2022"), excel(41610.9), num("0.125"), excel(85.7), "首都")
                .row("臺州市", num("2022"), num("1234.5"), excel(0.011), "N/A");

        CityDataset fromGbk = csv(gbk);
        CityDataset fromBom = csv(bom(text));
        CityDataset fromXlsx = xlsx(sheet);

        assertEquals(List.of("gdp", "internet_rate", "数字经济指数"), fromGbk.valueColumns());
        CityRecord hz = fromGbk.records().get(0);
        assertEquals(FakeCityRegistry.HANGZHOU, hz.city());
        assertEquals(2022, hz.year());
        assertEquals(Map.of("gdp", 18753.0, "internet_rate", 0.857, "数字经济指数", 0.1), hz.values());
        assertEquals(Map.of("gdp", 20059.5, "internet_rate", 0.875), fromGbk.records().get(1).values());
        assertEquals(Map.of("gdp", 41610.9, "internet_rate", 0.125, "数字经济指数", 85.7),
                fromGbk.records().get(2).values());
        assertEquals(FakeCityRegistry.TAIZHOU_ZJ, fromGbk.records().get(3).city());
        // 1.1% is the double nearest 0.011, which 1.1 / 100 is not
        assertEquals(Map.of("gdp", 1234.5, "internet_rate", 0.011), fromGbk.records().get(3).values());

        for (CityDataset other : List.of(fromBom, fromXlsx)) {
            assertEquals(fromGbk.valueColumns(), other.valueColumns());
            assertEquals(fromGbk.records(), other.records()); // cities, rows, years, values, attributes
            for (int i = 0; i < fromGbk.records().size(); i++) { // and bit for bit
                Map<String, Double> a = fromGbk.records().get(i).values();
                Map<String, Double> b = other.records().get(i).values();
                for (String k : a.keySet()) {
                    assertArrayEquals(new long[] {Double.doubleToRawLongBits(a.get(k))},
                            new long[] {Double.doubleToRawLongBits(b.get(k))}, k);
                }
            }
        }
    }

    @Test
    void longTable() throws Exception {
        String text = """
                city,year,variable,value,source\r
                杭州,2022,gdp,"18,753.0",统计年鉴\r
                杭州,2022,internet_rate,85.7%,工信部\r
                北京市,2022,gdp,"41,610.9",\r
                北京市,2022,数字经济指数,—,统计年鉴\r
                杭州,2023,数字经济指数,0.1,\r
                """;
        XlsxBuilder sheet = new XlsxBuilder()
                .row("city", "year", "variable", "value", "source")
                .row("杭州", num("2022"), "gdp", num("18753"), "统计年鉴")
                .row("杭州", num("2022"), "internet_rate", excel(0.857), "工信部")
                .row("北京市", num("2022"), "gdp", excel(41610.9))
                .row("北京市", num("2022"), "数字经济指数", "—", "统计年鉴")
                .row("杭州", num("2023"), "数字经济指数", excel(0.1));
        CityDataset fromGbk = csv(text.getBytes(GBK));
        assertEquals(3, fromGbk.records().size());
        assertEquals(Map.of("gdp", 18753.0, "internet_rate", 0.857), fromGbk.records().get(0).values());
        assertEquals(Map.of("source:gdp", "统计年鉴", "source:internet_rate", "工信部"),
                fromGbk.records().get(0).attributes());
        for (CityDataset other : List.of(csv(bom(text)), xlsx(sheet))) {
            assertEquals(fromGbk.valueColumns(), other.valueColumns());
            assertEquals(fromGbk.records(), other.records());
        }
    }
}
