package dev.reprise.ui.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code key=value} pairs as one line of text ({@code team=data, env=dev}) and back. Stateless. */
final class KeyValueText {

    private KeyValueText() {
    }

    static String format(Map<String, String> pairs) {
        return pairs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The pairs of {@code text}, separated by commas or new lines; throws with a reason for a pair without '='. */
    static Map<String, String> parse(String text) {
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

    /** The entries of {@code edited} that are new or differ from {@code source}. */
    static Map<String, String> changes(Map<String, String> source, Map<String, String> edited) {
        Map<String, String> result = new LinkedHashMap<>();
        edited.forEach((k, v) -> {
            if (!v.equals(source.get(k))) {
                result.put(k, v);
            }
        });
        return result;
    }
}
