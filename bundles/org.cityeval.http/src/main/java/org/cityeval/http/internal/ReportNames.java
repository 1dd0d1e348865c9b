package org.cityeval.http.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The name a report download is offered under: model(s), data and date, e.g.
 * {@code ccid-digital-city-2020_china-cities_2026-12-05.xlsx}; several models are joined by {@code +}, a chosen
 * year follows the data ({@code china-cities-2021}). Plain ASCII (letters, digits, {@code . + -}), so that the
 * {@code Content-Disposition} header needs no encoding and every file system takes it.
 */
final class ReportNames {
    /** A part longer than this is cut: a file name stays readable and under every file system's limit. */
    static final int MAX_PART = 80;

    private ReportNames() {
    }

    /**
     * @param models    the model ids, in the request's order
     * @param data      what the data were: {@code reference}, {@code published}, a pack's name, an upload's file name
     * @param year      the chosen year, or {@code null} for the latest
     * @param date      the day of the download
     * @param extension without the dot
     */
    static String fileName(List<String> models, String data, Integer year, LocalDate date, String extension) {
        String modelPart = slug(models.stream().map(ReportNames::slug).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("+")), "report");
        String dataPart = slug(stem(data), "data") + (year == null ? "" : "-" + year);
        return modelPart + "_" + dataPart + "_" + date + "." + extension;
    }

    /** A file name without its extension ({@code cities.csv} → {@code cities}). */
    static String stem(String name) {
        if (name == null) {
            return "";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** Letters, digits, {@code . + -} kept (lower-cased), every other run of characters one {@code -}. */
    static String slug(String s, String fallback) {
        String slug = slug(s);
        return slug.isEmpty() ? fallback : slug;
    }

    private static String slug(String s) {
        if (s == null) {
            return "";
        }
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[-.+]+|[-.+]+$", "");
        return slug.length() > MAX_PART ? slug.substring(0, MAX_PART).replaceAll("[-.+]+$", "") : slug;
    }
}
