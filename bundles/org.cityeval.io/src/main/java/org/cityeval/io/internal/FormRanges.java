package org.cityeval.io.internal;

import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.data.BadInputException;

/**
 * The data validations of a worksheet as a check of each number read ({@link TableReader.CellCheck}): a
 * collection form ({@code cityeval form}) says which values each cell accepts, and a value Excel or WPS would
 * have refused when typed (but that was pasted, or typed in a program that ignores validation) is refused here
 * too, at {@code sheet:row:column}. Checked: {@code decimal} and {@code whole} with every operator whose
 * formulas are numbers, and {@code list}s of numbers given inline ({@code "1,2,3"}); a validation whose formula
 * is a reference or an expression is not checked (there is no formula evaluation here).
 */
final class FormRanges implements TableReader.CellCheck {
    private final String source;
    private final String sheet;
    private final List<XlsxWorkbook.DataValidation> validations;

    private FormRanges(String source, String sheet, List<XlsxWorkbook.DataValidation> validations) {
        this.source = source;
        this.sheet = sheet;
        this.validations = validations;
    }

    /** @return the check, or {@code null} when the sheet has no validation it can check */
    static FormRanges of(String source, XlsxWorkbook workbook) throws BadInputException {
        List<XlsxWorkbook.DataValidation> checked = new ArrayList<>();
        for (XlsxWorkbook.DataValidation v : workbook.validations()) {
            if (checkable(v)) {
                checked.add(v);
            }
        }
        return checked.isEmpty() ? null : new FormRanges(source, workbook.sheetName(), checked);
    }

    private static boolean checkable(XlsxWorkbook.DataValidation v) {
        return switch (v.type()) {
            case "decimal", "whole" -> number(v.formula1()) != null
                    && (!v.operator().equals("between") && !v.operator().equals("notBetween")
                            || number(v.formula2()) != null);
            case "list" -> list(v.formula1()) != null;
            default -> false;
        };
    }

    @Override
    public void check(long row, int column, double value, String name) throws BadInputException {
        for (XlsxWorkbook.DataValidation v : validations) {
            if (!v.covers(row, column)) {
                continue;
            }
            String allowed = allowed(v, value);
            if (allowed != null) {
                throw new BadInputException(source, sheet + ":" + row + ":" + column, Numbers.text(value)
                        + " in column '" + name + "' (cell " + XlsxWorkbook.ref(column, row)
                        + ") is outside the form's range: " + allowed);
            }
        }
    }

    /** @return what the validation allows when {@code value} breaks it, else {@code null} */
    private static String allowed(XlsxWorkbook.DataValidation v, double value) {
        if (v.type().equals("list")) {
            List<Double> values = list(v.formula1());
            return values.contains(value) ? null : "one of " + v.formula1().replace("\"", "");
        }
        double a = number(v.formula1());
        Double b = number(v.formula2());
        boolean whole = v.type().equals("whole");
        if (whole && value != Math.rint(value)) {
            return "a whole number";
        }
        return switch (v.operator()) {
            case "between" -> value >= Math.min(a, b) && value <= Math.max(a, b) ? null
                    : "from " + Numbers.text(Math.min(a, b)) + " to " + Numbers.text(Math.max(a, b));
            case "notBetween" -> value < Math.min(a, b) || value > Math.max(a, b) ? null
                    : "not from " + Numbers.text(Math.min(a, b)) + " to " + Numbers.text(Math.max(a, b));
            case "equal" -> value == a ? null : "equal to " + Numbers.text(a);
            case "notEqual" -> value != a ? null : "not " + Numbers.text(a);
            case "greaterThan" -> value > a ? null : "more than " + Numbers.text(a);
            case "lessThan" -> value < a ? null : "less than " + Numbers.text(a);
            case "greaterThanOrEqual" -> value >= a ? null : "at least " + Numbers.text(a);
            case "lessThanOrEqual" -> value <= a ? null : "at most " + Numbers.text(a);
            default -> null;
        };
    }

    private static Double number(String formula) {
        if (formula == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(formula.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An inline list of numbers, {@code "1,2,3"}; {@code null} for anything else. */
    private static List<Double> list(String formula) {
        if (formula == null) {
            return null;
        }
        String f = formula.strip();
        if (f.length() < 2 || f.charAt(0) != '"' || f.charAt(f.length() - 1) != '"') {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (String part : f.substring(1, f.length() - 1).split(",")) {
            Double d = number(part);
            if (d == null) {
                return null;
            }
            values.add(d);
        }
        return values;
    }
}
