package org.cityeval.api.workflow;

import java.util.List;

import org.cityeval.api.data.City;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where one city's value of one leaf came from: the columns the model reads for it and, for each, the file, sheet,
 * row, column and note of the value ({@link ProvenanceWorkflow}).
 *
 * @param model   the model id
 * @param leaf    the leaf id
 * @param name    the leaf's name (Chinese, else English)
 * @param city    the city
 * @param year    the year of the record read, or {@code null} for data without years
 * @param via     {@code column} when the data have the leaf's own column, else the binding's formula
 *                ({@code value}, {@code ratio}, {@code per-capita}, ...)
 * @param data    the data as named ({@code form.xlsx+pack:china-cities})
 * @param values  one per column read, in the binding's order
 * @since 1.2
 */
@ProviderType
public record LeafProvenance(String model, String leaf, String name, City city, Integer year, String via, String data,
        List<ValueOrigin> values) {
    public LeafProvenance {
        values = List.copyOf(values);
    }
}
