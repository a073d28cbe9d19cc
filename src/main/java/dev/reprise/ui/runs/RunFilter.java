package dev.reprise.ui.runs;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The runs browser's filters, turned into the store's {@link RunQuery} (which evaluates them) and, for
 * runs that change while listed, into the same test applied to one run as it arrives live. Immutable.
 */
record RunFilter(String flowId, Set<RunState> states, Map<String, String> labels, String text, Instant from,
                 Instant to) {

    RunFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        text = text == null || text.isBlank() ? null : text.strip();
    }

    RunQuery query(int limit) {
        return new RunQuery(flowId, states, labels, text, from, to, limit, null);
    }

    /** Whether the store would list {@code run} under this filter (the same rules as {@link RunQuery}). */
    boolean matches(Run run) {
        if (flowId != null && !flowId.equals(run.flowId())) {
            return false;
        }
        if (!states.isEmpty() && !states.contains(run.state())) {
            return false;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!label.getValue().equals(run.labels().get(label.getKey()))) {
                return false;
            }
        }
        if (text != null) {
            String needle = text.toLowerCase(Locale.ROOT);
            boolean found = contains(run.id(), needle) || contains(run.name(), needle) || contains(run.flowId(), needle);
            if (!found) {
                return false;
            }
        }
        Instant created = run.createdAt();
        if (from != null && (created == null || created.isBefore(from))) {
            return false;
        }
        return to == null || (created != null && created.isBefore(to));
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    /**
     * Labels written as {@code key=value, key2=value2}; throws {@link IllegalArgumentException} saying which
     * part is not {@code key=value}.
     */
    static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return labels;
        }
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + item + "' is not key=value");
            }
            labels.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
        }
        return labels;
    }
}
