package org.cityeval.api.workflow;

import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a collection form asks for ({@link FormWorkflow#form}): a row per city and year, a column per value the
 * models need. A leaf bound to catalogue variables asks for the variables (so two models binding the same
 * variable share one column); any other leaf asks for its own value, under its id (the dataset column the
 * engine reads first). The workbook ({@link FormWorkflow#workbook}) is this, laid out for Excel or WPS.
 *
 * @param models the models, as requested
 * @param cities the cities, in adcode order
 * @param years  the years, ascending
 * @param fields the value columns, in the order of the first model's tree, then the next model's new ones
 */
@ProviderType
public record CollectionForm(List<String> models, List<City> cities, List<Integer> years, List<Field> fields) {
    public CollectionForm {
        models = List.copyOf(models);
        cities = List.copyOf(cities);
        years = List.copyOf(years);
        fields = List.copyOf(fields);
    }

    /**
     * One value column of the form.
     *
     * @param column    the column's name in the sheet and the dataset: a catalogue variable's or a leaf's id; the
     *                  column after it, {@code column + ":source"}, takes the value's source or a note
     * @param variable  {@code true} when the column is a catalogue variable (a binding names it), {@code false}
     *                  for a leaf's own value
     * @param label     the name in Chinese and English
     * @param unit      unit, or {@code null}
     * @param direction whether more is better, or {@code null} when not known
     * @param min       the smallest value accepted, or {@code null} for none
     * @param max       the largest value accepted, or {@code null} for none
     * @param levels    for an ordinal leaf, the values the form accepts with their labels; empty otherwise
     * @param uses      the leaves of the models that read this column
     */
    @ProviderType
    public record Field(String column, boolean variable, LocalizedText label, String unit, Direction direction,
            Double min, Double max, List<Level> levels, List<Use> uses) {
        public Field {
            levels = List.copyOf(levels);
            uses = List.copyOf(uses);
        }

        /** @return the name of the source/note column that follows the value's */
        public String sourceColumn() {
            return column + SOURCE_SUFFIX;
        }
    }

    /** The suffix of a value's source/note column: {@code gdp:source}. */
    public static final String SOURCE_SUFFIX = ":source";

    /**
     * One accepted level of an ordinal leaf.
     *
     * @param value what the data give
     * @param label what it means
     */
    @ProviderType
    public record Level(double value, String label) {
    }

    /**
     * A leaf that reads a column.
     *
     * @param model      the model's id
     * @param leaf       the leaf's id
     * @param name       the leaf's name
     * @param weight     the leaf's weight in the model's points
     * @param share      the leaf's weight as a share of the model's total (0..1)
     * @param provenance where the weight comes from
     * @param weightNote the weight's note, or {@code null}
     * @param binding    the binding's note (why the variable stands in for the leaf), or {@code null}
     */
    @ProviderType
    public record Use(String model, String leaf, LocalizedText name, double weight, double share,
            Provenance provenance, String weightNote, String binding) {
    }
}
