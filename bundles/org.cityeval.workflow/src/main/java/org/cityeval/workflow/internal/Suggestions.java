package org.cityeval.workflow.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The nearest of some ids to a misspelt one, for "did you mean ...?": the most shared words (ids are
 * {@code snake_case}: {@code co2_per_gdp} shares co2, per and gdp with {@code co2_t_per_10k_yuan_gdp}), then the
 * fewest edits. Nothing is suggested when nothing is close. Deterministic: ties go to the first id in order.
 */
final class Suggestions {
    private Suggestions() {
    }

    /** @return the nearest id, or null when none is close */
    static String nearest(String wrong, Collection<String> ids) {
        String w = wrong.toLowerCase(Locale.ROOT);
        Set<String> words = words(w);
        String best = null;
        double bestOverlap = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (String id : ids) {
            String c = id.toLowerCase(Locale.ROOT);
            Set<String> other = words(c);
            Set<String> common = new HashSet<>(words);
            common.retainAll(other);
            Set<String> union = new HashSet<>(words);
            union.addAll(other);
            double overlap = union.isEmpty() ? 0 : (double) common.size() / union.size();
            int distance = distance(w, c);
            boolean close = overlap >= 0.34 || distance <= Math.max(2, w.length() / 3);
            if (!close) {
                continue;
            }
            if (overlap > bestOverlap || overlap == bestOverlap && distance < bestDistance) {
                best = id;
                bestOverlap = overlap;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static Set<String> words(String id) {
        Set<String> out = new HashSet<>(Arrays.asList(id.split("[_.\\-\\s]+")));
        out.remove("");
        return out;
    }

    /** Levenshtein distance; ids are short (at most 64 characters). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
