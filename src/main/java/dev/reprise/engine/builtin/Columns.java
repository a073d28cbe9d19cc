package dev.reprise.engine.builtin;

import dev.reprise.flow.Suggestions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Guessing the column a step input meant when it names one the file does not have. Thread-safe. */
final class Columns {

    private Columns() {
    }

    /**
     * The column of {@code columns} that {@code name} most likely meant: the same name in other letter case, or one
     * a typing slip or two away (the rule of the flow's own "did you mean" hints).
     */
    static Optional<String> closest(String name, List<String> columns) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        columns.forEach(column -> byLowerCase.putIfAbsent(column.toLowerCase(Locale.ROOT), column));
        String word = name.toLowerCase(Locale.ROOT);
        if (byLowerCase.containsKey(word)) {
            return Optional.of(byLowerCase.get(word));
        }
        return Suggestions.closest(word, byLowerCase.keySet()).map(byLowerCase::get);
    }
}
