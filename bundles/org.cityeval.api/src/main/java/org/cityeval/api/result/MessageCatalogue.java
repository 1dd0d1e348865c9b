package org.cityeval.api.result;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages the runtime says to a user (warnings and notes in results, errors of the CLI and the web API),
 * each under a stable key with an English and a Chinese template. The catalogue is the resource
 * {@code messages.tsv} next to this class: one message a line, {@code key<TAB>en<TAB>zh}, the templates placing
 * arguments as {@code {0}}, {@code {1}}, … (the Chinese one may reorder them).
 * <p>
 * The English template is the text the runtime has always said, so {@link #recognise(String)} turns such a
 * text back into its key and arguments: the first template (catalogue order, specific before general) that
 * matches the whole text wins, its placeholders matching as little as they can. A front end then shows
 * {@link #format(String, List, String)} of it in the user's language. Immutable and thread-safe.
 *
 * @since 1.3
 */
public final class MessageCatalogue {
    /** The key of a text the catalogue does not know; its one argument is the text. */
    public static final String UNKNOWN = "text";
    /** The languages of the catalogue. */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\}");
    private static final MessageCatalogue DEFAULT = load();

    private final Map<String, Map<String, String>> templates;
    private final List<Entry> entries;

    private record Entry(String key, Pattern pattern, int[] order) {
    }

    private MessageCatalogue(Map<String, Map<String, String>> templates) {
        this.templates = templates;
        List<Entry> list = new ArrayList<>();
        templates.forEach((key, t) -> list.add(compile(key, t.get("en"))));
        this.entries = List.copyOf(list);
    }

    /** @return the catalogue of this runtime */
    public static MessageCatalogue get() {
        return DEFAULT;
    }

    /** Shorthand for {@code get().recognise(text)}. */
    public static Message of(String text) {
        return DEFAULT.recognise(text);
    }

    /** Shorthand for {@code get().recognise(text)} of each text, in order. */
    public static List<Message> of(List<String> texts) {
        if (texts == null) {
            return List.of();
        }
        List<Message> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(DEFAULT.recognise(t));
        }
        return List.copyOf(out);
    }

    /** @return key → language → template, in catalogue order (unmodifiable) */
    public Map<String, Map<String, String>> templates() {
        return templates;
    }

    /**
     * @param text a text the runtime says
     * @return its key and arguments; key {@value #UNKNOWN} with the text as argument if no template matches
     */
    public Message recognise(String text) {
        if (text == null) {
            return new Message(UNKNOWN, List.of(""), "");
        }
        for (Entry e : entries) {
            Matcher m = e.pattern.matcher(text);
            if (m.matches()) {
                List<String> args = new ArrayList<>();
                for (int i = 0; i < e.order.length; i++) {
                    args.add(null);
                }
                for (int g = 0; g < e.order.length; g++) {
                    args.set(e.order[g], m.group(g + 1));
                }
                return new Message(e.key, args, text);
            }
        }
        return new Message(UNKNOWN, List.of(text), text);
    }

    /**
     * @param key  a catalogue key ({@value #UNKNOWN} gives its argument)
     * @param args its arguments
     * @param lang {@code en} or {@code zh}; another language or an unknown key falls back to English
     * @return the text; {@code null} for an unknown key
     */
    public String format(String key, List<String> args, String lang) {
        if (UNKNOWN.equals(key)) {
            return args == null || args.isEmpty() ? "" : args.get(0);
        }
        Map<String, String> t = templates.get(key);
        if (t == null) {
            return null;
        }
        String template = t.getOrDefault(lang, t.get("en"));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(args != null && i < args.size() ? args.get(i) : ""));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static Entry compile(String key, String en) {
        Matcher m = PLACEHOLDER.matcher(en);
        StringBuilder regex = new StringBuilder();
        List<Integer> order = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(en.substring(last, m.start()))).append("(.*?)");
            order.add(Integer.parseInt(m.group(1)));
            last = m.end();
        }
        regex.append(Pattern.quote(en.substring(last)));
        int[] o = order.stream().mapToInt(Integer::intValue).toArray();
        return new Entry(key, Pattern.compile(regex.toString(), Pattern.DOTALL), o);
    }

    private static MessageCatalogue load() {
        try (InputStream in = MessageCatalogue.class.getResourceAsStream("messages.tsv")) {
            if (in == null) {
                throw new IllegalStateException("messages.tsv missing next to " + MessageCatalogue.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageCatalogue parse(BufferedReader reader) throws IOException {
        Map<String, Map<String, String>> t = new LinkedHashMap<>();
        String line;
        int row = 0;
        while ((line = reader.readLine()) != null) {
            row++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3 || f[0].isBlank() || f[1].isEmpty() || f[2].isEmpty()) {
                throw new IllegalStateException("messages.tsv:" + row + ": want key<TAB>en<TAB>zh, got " + f.length
                        + " fields");
            }
            if (t.containsKey(f[0])) {
                throw new IllegalStateException("messages.tsv:" + row + ": key '" + f[0] + "' twice");
            }
            if (!placeholders(f[1]).equals(placeholders(f[2]))) {
                throw new IllegalStateException("messages.tsv:" + row + ": key '" + f[0]
                        + "': the en and zh templates place different arguments");
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put("en", f[1]);
            m.put("zh", f[2]);
            t.put(f[0], Collections.unmodifiableMap(m));
        }
        return new MessageCatalogue(Collections.unmodifiableMap(t));
    }

    private static java.util.Set<String> placeholders(String template) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }
}
