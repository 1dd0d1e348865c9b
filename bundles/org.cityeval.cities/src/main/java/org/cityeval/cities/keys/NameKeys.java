package org.cityeval.cities.keys;

import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityResolutionException;

/**
 * How the registries compare the names people type: the one normal form of a key, province suffixes, adcodes,
 * and the rule that a key resolves only when it fits exactly one unit.
 * <p>
 * Shared by the city registry and the county registry ({@code org.cityeval.counties} copies this package into
 * its own bundle with bnd's {@code -conditionalpackage}; it is exported by neither), so that 杭州, Hangzhou and
 * HANG-ZHOU mean the same in both. Free of OSGi and of state.
 */
public final class NameKeys {
    /** Pinyin letters with tone marks or diaeresis, and the plain letter each is compared as. */
    private static final String MARKED = "āáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹ";
    private static final String PLAIN = "aaaaeeeeeiiiioooouuuuuuuuunnn";

    /** Longest first, so 广西壮族自治区 loses the whole suffix rather than just 区 or 自治区. */
    private static final List<String> PROVINCE_SUFFIXES =
            List.of("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市");

    private NameKeys() {
    }

    /**
     * The form keys are compared in: no whitespace, hyphens or apostrophes, lower case, tone marks and
     * diaeresis removed (Lüliang is luliang) and v read as ü (Lvliang). Full-width ASCII folds to ASCII.
     * Chinese text passes through unchanged apart from removed spaces.
     * <p>
     * Done by hand rather than with {@link java.text.Normalizer}, whose first use loads ICU data and
     * costs more than reading the whole registry.
     */
    public static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // fast paths for the only characters the registries themselves contain: this runs thousands of
            // times while loading, mostly in the interpreter
            if (c >= '\u4E00' && c <= '\u9FFF') {
                sb.append(c);
                continue;
            }
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c > ' ' && c != '-' && c != '\'' && c != '`' && c != 0x7F) {
                    sb.append(c == 'v' ? 'u' : c);
                }
                continue;
            }
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0); // full-width ASCII, as typed with a Chinese input method
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '-' || c == '\'' || c == '`'
                    || c == '\u2018' || c == '\u2019' || c == '\u02BC'
                    || Character.getType(c) == Character.NON_SPACING_MARK) { // a decomposed tone mark
                continue;
            }
            c = Character.toLowerCase(c);
            int marked = MARKED.indexOf(c);
            if (marked >= 0) {
                c = PLAIN.charAt(marked);
            }
            sb.append(c == 'v' ? 'u' : c);
        }
        return sb.toString();
    }

    /** @return a province's name without 省, 市, 自治区 and the like ({@code 广西壮族自治区} → {@code 广西}) */
    public static String stripProvinceSuffix(String p) {
        for (String suffix : PROVINCE_SUFFIXES) {
            if (p.length() > suffix.length() && p.endsWith(suffix)) {
                return p.substring(0, p.length() - suffix.length());
            }
        }
        return p;
    }

    /** @return whether {@code s} is six ASCII digits */
    public static boolean isAdcode(String s) {
        if (s.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the one unit a key fits
     * @throws CityResolutionException with no candidates if none fits, with all of them if several do: a shared
     *                                 name is never resolved by guessing
     */
    public static City single(String key, List<City> candidates) throws CityResolutionException {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw new CityResolutionException(key, candidates);
    }
}
