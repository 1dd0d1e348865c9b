package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportNamesTest {
    static final LocalDate DAY = LocalDate.of(2026, 12, 5);

    @Test
    void modelDataAndDate() {
        assertEquals("ccid-digital-city-2020_china-cities_2026-12-05.xlsx",
                ReportNames.fileName(List.of("ccid-digital-city-2020"), "china-cities", null, DAY, "xlsx"));
        assertEquals("guomai-psdf-2024+ccid-digital-city-2020_published_2026-12-05.html",
                ReportNames.fileName(List.of("guomai-psdf-2024", "ccid-digital-city-2020"), "published", null, DAY,
                        "html"));
    }

    @Test
    void aChosenYearFollowsTheData() {
        assertEquals("ccid-digital-city-2020_china-cities-2021_2026-12-05.html",
                ReportNames.fileName(List.of("ccid-digital-city-2020"), "china-cities", 2021, DAY, "html"));
    }

    @Test
    void anUploadIsNamedAfterItsFileInPlainAscii() {
        assertEquals("m_my-cities-2024_2026-12-05.xlsx",
                ReportNames.fileName(List.of("m"), "dir/My Cities (2024).csv", null, DAY, "xlsx"));
        // nothing ASCII left: a word that says what it was, never an empty part or a bare quote
        assertEquals("m_data_2026-12-05.xlsx", ReportNames.fileName(List.of("m"), "杭州数据.csv", null, DAY, "xlsx"));
        assertEquals("m_a-b_2026-12-05.xlsx", ReportNames.fileName(List.of("m"), "a\"b;\r\n.csv", null, DAY, "xlsx"));
        assertEquals("report_x_2026-12-05.html", ReportNames.fileName(List.of("模型"), "x", null, DAY, "html"));
    }

    @Test
    void longPartsAreCut() {
        String name = ReportNames.fileName(List.of("m"), "a".repeat(300) + ".csv", null, DAY, "csv");
        assertEquals("m_" + "a".repeat(ReportNames.MAX_PART) + "_2026-12-05.csv", name);
    }
}
