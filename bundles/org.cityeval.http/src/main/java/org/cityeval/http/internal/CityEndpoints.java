package org.cityeval.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.cityeval.api.result.MessageCatalogue;

/**
 * City search by every form the CLI accepts, and the message catalogue: what the dashboard needs to search and
 * to speak both languages without its own copy of the server's rules.
 */
final class CityEndpoints {
    /** At most this many cities answer a pinyin prefix. */
    static final int MAX_PREFIX_MATCHES = 50;

    private final Supplier<CityRegistry> registry;

    CityEndpoints(Supplier<CityRegistry> registry) {
        this.registry = registry;
    }

    /**
     * {@code GET /api/cities?q=KEY}: the cities the key names, resolved as the CLI resolves a city column
     * (adcode, simplified, traditional or short name, pinyin in any case, {@link CityRegistry#resolve(String)});
     * an ambiguous key answers all its candidates, and a key of Latin letters that names no city also answers
     * the cities whose pinyin starts with it (at most {@value #MAX_PREFIX_MATCHES}), so a search box finds
     * {@code Hang} as it is typed. {@code {"query": KEY, "cities": [...]}}, adcode order; 503 without the city
     * registry.
     */
    Object cities(Call call) {
        CityRegistry cities = registry.get();
        if (cities == null) {
            throw HttpError.unavailable("the city registry is");
        }
        String q = call.query("q");
        if (q == null || q.isBlank()) {
            throw HttpError.badRequest("q: empty; give a city name, pinyin or adcode");
        }
        String key = q.strip();
        if (key.length() > 80) {
            throw HttpError.badRequest("q: longer than 80 characters");
        }
        List<City> found = new ArrayList<>();
        try {
            found.add(cities.resolve(key));
        } catch (CityResolutionException e) {
            found.addAll(e.candidates());
        }
        if (found.isEmpty() && key.matches("[A-Za-z][A-Za-z '\\-]*")) {
            String prefix = letters(key);
            for (City c : cities.cities()) {
                if (c.pinyin() != null && letters(c.pinyin()).startsWith(prefix)) {
                    found.add(c);
                    if (found.size() == MAX_PREFIX_MATCHES) {
                        break;
                    }
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("query", key);
        answer.put("cities", found);
        return answer;
    }

    /** {@code GET /api/messages}: the message catalogue, key → {"en": template, "zh": template}. */
    Object messages(Call call) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("languages", MessageCatalogue.LANGUAGES);
        answer.put("messages", MessageCatalogue.get().templates());
        return answer;
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }
}
