package dev.reprise.cli;

import dev.reprise.run.RunQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters of {@code runs list} written as {@code KEY=VALUE} ({@code --query state=failed --query
 * flow=bike_trips}), for commands that act on the runs a listing would show: {@code flow}, {@code state} (several
 * separated by commas), {@code label} ({@code label=team=ml}, repeatable), {@code text}, {@code name},
 * {@code since}, {@code until} and {@code limit}, read as {@code runs list} reads its options.
 */
final class RunFilters {

    static final String HELP = "flow=FLOW, state=STATE[,STATE], label=KEY=VALUE, text=TEXT, name=NAME, "
            + "parent=RUN_ID, since=TIME, until=TIME, limit=N";

    private RunFilters() {
    }

    /** The query {@code filters} (each {@code KEY=VALUE}) make, written under {@code option}; null for none. */
    static RunQuery parse(List<String> filters, String option) {
        if (filters == null || filters.isEmpty()) {
            return null;
        }
        String flow = null;
        String text = null;
        String name = null;
        String parent = null;
        String since = null;
        String until = null;
        int limit = RunQuery.DEFAULT_LIMIT;
        List<String> states = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(option + " expects KEY=VALUE (" + HELP + "), got '" + filter + "'");
            }
            String key = filter.substring(0, eq).strip();
            String value = filter.substring(eq + 1).strip();
            switch (key) {
                case "flow" -> flow = value;
                case "state" -> states.addAll(Arrays.asList(value.split(",")));
                case "label" -> labels.putAll(KeyValues.parse(List.of(value), option + " label"));
                case "text" -> text = value;
                case "name" -> name = value;
                case "parent" -> parent = value;
                case "since" -> since = value;
                case "until" -> until = value;
                case "limit" -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        limit = -1;
                    }
                    if (limit < 1 || limit > RunQuery.MAX_LIMIT) {
                        throw new IllegalArgumentException(option + " limit must be a number from 1 to "
                                + RunQuery.MAX_LIMIT + ", got '" + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException(option + ": no filter '" + key + "' (the filters are "
                        + HELP + ")");
            }
        }
        return new RunQuery(flow, RunsCommand.ListRuns.states(states), labels, text,
                RunsCommand.ListRuns.time(since, option + " since"), RunsCommand.ListRuns.time(until, option + " until"),
                limit, null, name, parent);
    }
}
