package org.cityeval.api.data;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** A city key that matches no city, or more than one. */
@ProviderType
public class CityResolutionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final List<City> candidates;

    public CityResolutionException(String key, List<City> candidates) {
        super(message(key, candidates));
        this.key = key;
        this.candidates = List.copyOf(candidates);
    }

    private static String message(String key, List<City> candidates) {
        if (candidates.isEmpty()) {
            return "unknown city '" + key + "'";
        }
        StringBuilder sb = new StringBuilder("ambiguous city '").append(key).append("': could be ");
        for (int i = 0; i < candidates.size(); i++) {
            City c = candidates.get(i);
            sb.append(i == 0 ? "" : " or ").append(c.name()).append(" (").append(c.province()).append(", ")
                    .append(c.adcode()).append(')');
        }
        return sb.append("; use the adcode").toString();
    }

    /** @return the key as written */
    public String key() {
        return key;
    }

    /** @return the matching cities: empty when unknown, two or more when ambiguous */
    public List<City> candidates() {
        return candidates;
    }

    /** @return true when more than one city matched */
    public boolean ambiguous() {
        return candidates.size() > 1;
    }
}
