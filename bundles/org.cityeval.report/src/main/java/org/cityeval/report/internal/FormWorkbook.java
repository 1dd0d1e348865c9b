package org.cityeval.report.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.workflow.CollectionForm;
import org.cityeval.api.workflow.CollectionForm.Field;
import org.cityeval.api.workflow.CollectionForm.Level;
import org.cityeval.api.workflow.CollectionForm.Use;

/**
 * A collection form as a workbook an official fills in Excel or WPS, and {@code evaluate --data F.xlsx} reads
 * as it is (the importer reads the first sheet, in the wide layout):
 * <ol>
 * <li><b>填报 / Values</b>: header {@code city, adcode, year}, then per value column {@code V} the columns
 * {@code V} and {@code V:source} (the value's source or a note, kept as a text attribute); a row per city and
 * year; the header row frozen; data validation on each value column (numbers in the allowed range, or one of an
 * ordinal leaf's levels), with the column's label, unit and range as the input message;</li>
 * <li><b>指标说明 / Definitions</b>: a row per column and leaf reading it: label zh/en, unit, direction, range or
 * levels, model, leaf, weight, its share of the total, the weight's provenance and note, the binding's note;</li>
 * <li><b>说明 / Instructions</b>: how to fill and return it.</li>
 * </ol>
 */
final class FormWorkbook {
    /** The columns before the values in the Values sheet. */
    static final List<String> KEY_COLUMNS = List.of("city", "adcode", "year");

    private FormWorkbook() {
    }

    static byte[] write(CollectionForm form, String lang) throws IOException {
        boolean zh = !"en".equals(lang);
        XlsxWriter w = new XlsxWriter((zh ? "数据填报表: " : "Collection form: ") + String.join(", ", form.models()));
        values(w.sheet(zh ? "填报" : "Values"), form, zh);
        definitions(w.sheet(zh ? "指标说明" : "Definitions"), form, zh);
        instructions(w.sheet(zh ? "说明" : "Instructions"), form, zh);
        return w.toBytes();
    }

    private static void values(XlsxWriter.Sheet s, CollectionForm form, boolean zh) {
        List<Object> header = new ArrayList<>(KEY_COLUMNS);
        for (Field f : form.fields()) {
            header.add(f.column());
            header.add(f.sourceColumn());
        }
        s.header(header.toArray());
        for (City c : form.cities()) {
            for (Integer y : form.years()) {
                s.row(c.name(), c.adcode(), y);
            }
        }
        long last = 1L + (long) form.cities().size() * form.years().size();
        int col = KEY_COLUMNS.size();
        for (Field f : form.fields()) {
            XlsxWriter.Validation v = f.levels().isEmpty() ? XlsxWriter.Validation.decimal(f.min(), f.max())
                    : XlsxWriter.Validation.list(f.levels().stream().map(l -> XlsxWriter.number(l.value())).toList());
            String label = label(f.label(), zh);
            String prompt = label + (f.unit() == null ? "" : " [" + f.unit() + "]") + "\n" + range(f, zh);
            String error = (zh ? "超出允许范围: " : "Outside the allowed range: ") + range(f, zh);
            s.validate(v.messages(f.column(), prompt, zh ? "数值无效" : "Invalid value", error), col, col, 2, last);
            col += 2;
        }
    }

    private static void definitions(XlsxWriter.Sheet s, CollectionForm form, boolean zh) {
        if (zh) {
            s.header("列", "名称", "name", "单位", "方向", "允许范围", "模型", "指标", "权重(分)", "占总分", "权重来源",
                    "权重说明", "代理说明");
        } else {
            s.header("column", "名称", "name", "unit", "direction", "allowed", "model", "leaf", "weight (points)",
                    "share of total", "weight provenance", "weight note", "binding note");
        }
        for (Field f : form.fields()) {
            for (Use u : f.uses()) {
                s.row(f.column(), f.label().zh(), f.label().en(), f.unit(),
                        f.direction() == null ? null : direction(f, zh), range(f, zh), u.model(),
                        u.leaf() + (f.column().equals(u.leaf()) ? "" : " (" + label(u.name(), zh) + ")"), u.weight(),
                        round(u.share()), u.provenance() == null ? null : u.provenance().toString(), u.weightNote(),
                        u.binding());
            }
        }
    }

    private static void instructions(XlsxWriter.Sheet s, CollectionForm form, boolean zh) {
        String models = String.join(", ", form.models());
        String years = String.join(", ", form.years().stream().map(String::valueOf).toList());
        if (zh) {
            s.header("数据填报说明");
            s.row("模型: " + models);
            s.row("城市: " + form.cities().size() + " 个; 年份: " + years + "; 指标列: " + form.fields().size());
            s.blank();
            s.row("1. 在「填报」表中每个城市、年份一行, 每个指标一列填写数值; 不知道的留空 (缺失), 不要填 0。");
            s.row("2. 每个数值列右侧的「:source」列填写该数值的来源或说明 (文件、部门、统计年鉴页码等)。");
            s.row("3. 允许范围见单元格提示和「指标说明」表; 超出范围的数值在导入时会被拒绝, 并指出表、行、列。");
            s.row("4. 不要修改第一行列名、城市、行政区划代码 (adcode) 和年份列, 不要合并单元格或使用公式, 「填报」须保持为第一个工作表。");
            s.row("5. 填好后: cityeval evaluate --model " + form.models().get(0) + " --data 本文件.xlsx"
                    + (form.models().size() > 1 ? " (其他模型同样: " + String.join(", ", form.models().subList(1,
                            form.models().size())) + ")" : ""));
        } else {
            s.header("How to fill in this form");
            s.row("Models: " + models);
            s.row("Cities: " + form.cities().size() + "; years: " + years + "; value columns: " + form.fields().size());
            s.blank();
            s.row("1. In sheet Values, one row per city and year, one column per value: leave a value you do not know"
                    + " empty (missing); do not write 0.");
            s.row("2. The ':source' column right of each value takes where the value comes from, or a note (file,"
                    + " department, yearbook page).");
            s.row("3. The allowed range is in each cell's input message and in sheet Definitions; a value outside it"
                    + " is refused on import, naming sheet, row and column.");
            s.row("4. Do not change the header row, the city, adcode or year columns; no merged cells, no formulas;"
                    + " keep Values the first sheet.");
            s.row("5. Then: cityeval evaluate --model " + form.models().get(0) + " --data this-file.xlsx"
                    + (form.models().size() > 1 ? " (likewise for " + String.join(", ", form.models().subList(1,
                            form.models().size())) + ")" : ""));
        }
    }

    static String label(LocalizedText t, boolean zh) {
        if (t == null) {
            return "";
        }
        String first = zh ? t.zh() : t.en();
        return first != null ? first : t.preferred();
    }

    private static String direction(Field f, boolean zh) {
        return switch (f.direction()) {
            case POSITIVE -> zh ? "正向 (越大越好)" : "positive (more is better)";
            case NEGATIVE -> zh ? "负向 (越小越好)" : "negative (less is better)";
        };
    }

    /** {@code 0 – 2.5}, {@code ≥ 0}, {@code 0, 1, 2 (labels)} or "any number". */
    static String range(Field f, boolean zh) {
        if (!f.levels().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Level l : f.levels()) {
                parts.add(XlsxWriter.number(l.value()) + (l.label() == null ? "" : " = " + l.label()));
            }
            return (zh ? "取值之一: " : "one of: ") + String.join("; ", parts);
        }
        if (f.min() != null && f.max() != null) {
            return shown(f.min()) + " – " + shown(f.max());
        }
        if (f.min() != null) {
            return "≥ " + shown(f.min());
        }
        if (f.max() != null) {
            return "≤ " + shown(f.max());
        }
        return zh ? "任意数值" : "any number";
    }

    /** A bound as a message shows it: at most 4 decimals (the validation itself keeps every digit). */
    private static String shown(double bound) {
        return XlsxWriter.number(new java.math.BigDecimal(bound).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue());
    }

    private static double round(double share) {
        return Math.round(share * 10000) / 10000.0;
    }
}
