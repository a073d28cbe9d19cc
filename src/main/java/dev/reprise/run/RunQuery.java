package dev.reprise.run;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Filters and paging for a run listing. Every filter is optional (null or empty means "any"): runs of
 * {@code flowId}, in one of {@code states}, carrying every label of {@code labels}, whose id, name or flow
 * contains {@code text} (case-insensitive), created in [{@code from}, {@code to}), named exactly {@code name},
 * started by a step of run {@code parent} (its sub-pipelines).
 * Results are newest first;
 * {@code after} is the {@link RunPage#nextCursor()} of the previous page (keyset paging).
 */
public record RunQuery(
        @Nullable String flowId,
        Set<RunState> states,
        Map<String, String> labels,
        @Nullable String text,
        @Nullable Instant from,
        @Nullable Instant to,
        int limit,
        @Nullable String after,
        @Nullable String name,
        @Nullable String parent) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    /** The span {@code from} and {@code to} may take: ISO-8601's four-digit years, which the store's times hold. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** The same query without a name filter (the fields a run listing had before names could be asked). */
    public RunQuery(String flowId, Set<RunState> states, Map<String, String> labels, String text, Instant from,
                    Instant to, int limit, String after) {
        this(flowId, states, labels, text, from, to, limit, after, null, null);
    }

    /** The same query without a parent filter. */
    public RunQuery(String flowId, Set<RunState> states, Map<String, String> labels, String text, Instant from,
                    Instant to, int limit, String after, String name) {
        this(flowId, states, labels, text, from, to, limit, after, name, null);
    }

    public RunQuery {
        name = name == null || name.isEmpty() ? null : name;
        parent = parent == null || parent.isEmpty() ? null : parent;
        states = states == null ? Set.of() : Set.copyOf(states);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        if (limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be at most " + MAX_LIMIT + ", was " + limit);
        }
        requireInSpan("from", from);
        requireInSpan("to", to);
    }

    private static void requireInSpan(String name, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw new IllegalArgumentException(name + " must be an instant from " + EARLIEST + " to " + LATEST
                    + ", was " + instant);
        }
    }

    public static RunQuery all() {
        return new RunQuery(null, Set.of(), Map.of(), null, null, null, DEFAULT_LIMIT, null);
    }

    public RunQuery withLimit(int newLimit) {
        return new RunQuery(flowId, states, labels, text, from, to, newLimit, after, name, parent);
    }

    public RunQuery withAfter(String cursor) {
        return new RunQuery(flowId, states, labels, text, from, to, limit, cursor, name, parent);
    }

    public RunQuery withFlow(String newFlowId) {
        return new RunQuery(newFlowId, states, labels, text, from, to, limit, after, name, parent);
    }

    public RunQuery withStates(Set<RunState> newStates) {
        return new RunQuery(flowId, newStates, labels, text, from, to, limit, after, name, parent);
    }

    public RunQuery withLabels(Map<String, String> newLabels) {
        return new RunQuery(flowId, states, newLabels, text, from, to, limit, after, name, parent);
    }

    public RunQuery withText(String newText) {
        return new RunQuery(flowId, states, labels, newText, from, to, limit, after, name, parent);
    }

    /** Only runs named exactly {@code newName} (null: any name). */
    public RunQuery withName(String newName) {
        return new RunQuery(flowId, states, labels, text, from, to, limit, after, newName, parent);
    }

    /** Only runs started by a step of run {@code parentRunId} (null: any). */
    public RunQuery withParent(String parentRunId) {
        return new RunQuery(flowId, states, labels, text, from, to, limit, after, name, parentRunId);
    }

    public RunQuery withRange(Instant newFrom, Instant newTo) {
        return new RunQuery(flowId, states, labels, text, newFrom, newTo, limit, after, name, parent);
    }
}
