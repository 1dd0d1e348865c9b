package org.cityeval.api.workflow;

import java.util.List;
import java.util.Objects;

/**
 * A collection form: {@code new FormRequest(List.of("ccid-digital-city-2020")).province("浙江省").years(List.of(2023))}.
 * Cities are all the registry's (of one province with {@link #province}) unless listed; the year is the current
 * year minus one unless listed.
 */
public final class FormRequest {
    private final List<String> models;
    private List<String> cities = List.of();
    private String province;
    private List<Integer> years = List.of();
    private String lang = "zh";

    /** @param models the ids of the models whose leaves the form asks for (at least one) */
    public FormRequest(List<String> models) {
        this.models = List.copyOf(Objects.requireNonNull(models, "models"));
    }

    public List<String> models() {
        return models;
    }

    /** @return the cities as written (names, pinyin or adcodes), empty for every city (of the province) */
    public List<String> cities() {
        return cities;
    }

    public FormRequest cities(List<String> cities) {
        this.cities = cities == null ? List.of() : List.copyOf(cities);
        return this;
    }

    /** @return a province's name, short name or adcode, or {@code null} */
    public String province() {
        return province;
    }

    public FormRequest province(String province) {
        this.province = province;
        return this;
    }

    /** @return the years a row is asked for per city, empty for the default (last year) */
    public List<Integer> years() {
        return years;
    }

    public FormRequest years(List<Integer> years) {
        this.years = years == null ? List.of() : List.copyOf(years);
        return this;
    }

    /** @return {@code zh} (default) or {@code en}: the language of the sheets' names, labels and instructions */
    public String lang() {
        return lang;
    }

    public FormRequest lang(String lang) {
        this.lang = lang == null ? "zh" : lang;
        return this;
    }
}
