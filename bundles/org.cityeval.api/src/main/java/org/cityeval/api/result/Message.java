package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A warning, note or error as a front end shows it in either language: a stable key of the message catalogue
 * ({@link MessageCatalogue}), its arguments (data values: names, numbers, lists, quoted input) and the English
 * text that older clients and the CLI show. A text the catalogue does not know has the key
 * {@value MessageCatalogue#UNKNOWN} and itself as the one argument.
 *
 * @param key  catalogue key, e.g. {@code evaluation.years}
 * @param args the values the key's template places, in template order
 * @param text the English text, as before keys existed
 * @since 1.3
 */
@ProviderType
public record Message(String key, List<String> args, String text) {
    public Message {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
