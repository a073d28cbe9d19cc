package dev.reprise.ui.form;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code key=value} pairs as one line of text ({@code team=data, env=dev}) and back: the labels and env fields of
 * the replay form and the Run… dialogs. Stateless.
 */
public final class KeyValueText {

    private KeyValueText() {
    }

    public static String format(Map<String, String> pairs) {
        return pairs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The pairs of {@code text}, separated by commas or new lines; throws with a reason for a pair without '='. */
    public static Map<String, String> parse(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text == null) {
            return result;
        }
        for (String part : text.split("[,\n]")) {
            String pair = part.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
            }
            result.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return result;
    }

    /** Why {@code text} is not a list of pairs; null when it is. */
    public static String problem(String text) {
        try {
            parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The entries of {@code edited} that are new or differ from {@code source}. */
    public static Map<String, String> changes(Map<String, String> source, Map<String, String> edited) {
        Map<String, String> result = new LinkedHashMap<>();
        edited.forEach((k, v) -> {
            if (!v.equals(source.get(k))) {
                result.put(k, v);
            }
        });
        return result;
    }
}
