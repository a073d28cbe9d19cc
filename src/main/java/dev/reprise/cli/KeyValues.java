package dev.reprise.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code name=value} options, refusing any without an {@code =}. */
final class KeyValues {

    private KeyValues() {
    }

    static Map<String, String> parse(List<String> pairs, String option) {
        Map<String, String> result = new LinkedHashMap<>();
        if (pairs == null) {
            return result;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(option + " expects name=value, got '" + pair + "'");
            }
            result.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return result;
    }
}
