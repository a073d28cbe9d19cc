package dev.reprise.ui.gantt;

import dev.reprise.flow.Flow;
import dev.reprise.flow.StepDef;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a run's step runs into Gantt rows: a row per step instance, fan-out instances grouped under a
 * summary row of their step, a bar per queue wait, run and retry gap of each attempt, reused steps as
 * ghosts. Keeps the bars of unchanged step runs between updates, so a live update of a large run costs a
 * map look-up per step. Pure (no JavaFX); not thread-safe.
 */
final class GanttRows {

    /** Bars that are still growing end at {@code OPEN}; painters and hit tests end them at "now". */
    static final long OPEN = Long.MAX_VALUE;

    enum RowKind { STEP, GROUP, INSTANCE }

    enum BarKind {
        /** queuedAt → startedAt: waiting for a worker. */
        QUEUE,
        /** startedAt → endedAt of one attempt. */
        RUN,
        /** end of one attempt → queue of the next: the retry backoff. */
        GAP,
        /** a step whose outputs came from an earlier run. */
        REUSED,
        /** the merged run time of a fan-out's instances, on its group row. */
        SUMMARY
    }

    record Bar(BarKind kind, long start, long end, StepState tone, int attempt) {
        boolean open() {
            return end == OPEN;
        }
    }

    /**
     * One row. {@code id} is what selecting it selects (an instance id, or the step name for a group);
     * {@code step} is null for a group; {@code instances} counts a group's instances. Bars are in time
     * order and do not overlap, so a row can be binary-searched by time.
     */
    record Row(String id, RowKind kind, String stepName, int depth, StepState state, List<Bar> bars,
               StepRun step, int instances, boolean expanded, Map<StepState, Integer> counts) {

        /**
         * Not started: a step of the flow the run has not reached, a fan-out with no instance yet, or an instance
         * recorded but not queued. It has no bar; the painter draws a hollow placeholder and a muted label.
         */
        boolean pending() {
            return state == StepState.PENDING && bars.isEmpty();
        }
    }

    private record Cached(StepRun source, Row row) {
    }

    /**
     * One step of the flow: its rows (a fan-out's instances in index order) and, for a fan-out, its group row
     * with what it sums up: the instances' states counted and their bars.
     */
    private static final class Group {
        final boolean fanOut;
        final List<Row> members = new ArrayList<>();
        final Map<String, Integer> positions = new HashMap<>();
        final Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
        final GroupSpans spans = new GroupSpans();
        boolean expanded;

        Group(boolean fanOut) {
            this.fanOut = fanOut;
        }

        /**
         * Adds a row: a fan-out's instance at its place in index order, which moves no shown row while collapsed;
         * returns that place.
         */
        int put(Row row) {
            int at = members.size();
            while (fanOut && at > 0 && members.get(at - 1).step().index() > row.step().index()) {
                at--;
            }
            members.add(at, row);
            for (int i = at; i < members.size(); i++) {
                positions.put(members.get(i).id(), i);
            }
            if (row.step() != null) {
                counts.merge(row.state(), 1, Integer::sum);
            }
            if (fanOut) {
                spans.add(row.bars());
            }
            return at;
        }

        void replace(int position, Row row) {
            Row old = members.set(position, row);
            positions.remove(old.id());
            positions.put(row.id(), position);
            if (old.step() != null) {
                counts.computeIfPresent(old.state(), (k, n) -> n == 1 ? null : n - 1);
            }
            counts.merge(row.state(), 1, Integer::sum);
            if (fanOut && old.bars() != row.bars()) {
                spans.remove(old.bars());
                spans.add(row.bars());
            }
        }

        Row header(String name) {
            int instances = members.size();
            return new Row(name, RowKind.GROUP, name, 0, StepStates.aggregate(counts), spans.summary(), null,
                    instances, expanded, new EnumMap<>(counts));
        }
    }

    private final Map<String, Cached> cache = new HashMap<>();
    private final Map<String, Boolean> expansion = new HashMap<>();
    private final int collapseAbove;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** Where each shown row is in {@link #rows}, by its id. */
    private final Map<String, Integer> shown = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Row> readOnlyRows = Collections.unmodifiableList(rows);
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    /** How many step rows have a bar that is still growing. */
    private int openRows;
    private Supplier<RunDetail> lastDetail;
    private Flow lastFlow;

    GanttRows(int collapseAbove) {
        this.collapseAbove = collapseAbove;
    }

    List<Row> rows() {
        return readOnlyRows;
    }

    /** Index of the shown row with this id (instance id or group step name), or -1. */
    int indexOf(String id) {
        Integer index = shown.get(id);
        return index == null ? -1 : index;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return maxTime;
    }

    boolean anyOpen() {
        return openRows > 0;
    }

    boolean isExpanded(String stepName, int instances) {
        return expansion.getOrDefault(stepName, instances <= collapseAbove);
    }

    void setExpanded(String stepName, boolean expanded) {
        expansion.put(stepName, expanded);
        if (lastDetail != null) {
            update(lastDetail.get(), lastFlow);
        }
    }

    /** Builds every row from {@code detail}. */
    void update(RunDetail detail, Flow flow) {
        lastDetail = () -> detail;
        lastFlow = flow;
        Map<String, List<StepRun>> byStep = new LinkedHashMap<>();
        Map<String, Boolean> fanOut = new HashMap<>();
        if (flow != null) {
            for (StepDef def : flow.steps().values()) {
                byStep.put(def.id(), new ArrayList<>(1));
                fanOut.put(def.id(), def.isFanOut());
            }
        }
        for (StepRun step : detail.steps()) {
            String name = nameOf(step);
            byStep.computeIfAbsent(name, k -> new ArrayList<>(1)).add(step);
            if (step.isFanOutInstance()) {
                fanOut.put(name, true);
            }
        }
        minTime = Long.MAX_VALUE;
        maxTime = Long.MIN_VALUE;
        openRows = 0;
        runTimes(detail.run());
        groups.clear();
        for (Map.Entry<String, List<StepRun>> entry : byStep.entrySet()) {
            String name = entry.getKey();
            List<StepRun> steps = entry.getValue();
            Group group = new Group(fanOut.getOrDefault(name, false));
            groups.put(name, group);
            if (!group.fanOut) {
                if (steps.isEmpty()) {
                    group.put(new Row(name, RowKind.STEP, name, 0, StepState.PENDING, List.of(), null, 0, false, Map.of()));
                } else {
                    steps.forEach(s -> group.put(rowOf(s, RowKind.STEP, 0)));
                }
                continue;
            }
            steps.sort(Comparator.comparingInt(StepRun::index));
            group.expanded = isExpanded(name, steps.size());
            steps.forEach(s -> group.put(rowOf(s, RowKind.INSTANCE, 1)));
        }
        for (Group group : groups.values()) {
            for (Row row : group.members) {
                openRows += isOpen(row) ? 1 : 0;
            }
        }
        flatten();
        settleTimes();
    }

    /**
     * Applies the step runs that changed since the last update ({@code run} is the run after them), at a
     * cost that grows with the changes, not with the run: a step run replaces its row in place, a new
     * instance of a fan-out joins its group at its place in index order (shown under the group row when the
     * group is expanded, which moves only the rows below it), and the group row of a fan-out that changed is
     * summed up again. A step not seen yet or another flow makes a full {@link #update} of {@code detail},
     * which gives the whole run.
     */
    void apply(Run run, Supplier<RunDetail> detail, Flow flow, Collection<StepRun> changed) {
        if (lastDetail == null || flow != lastFlow) {
            update(detail.get(), flow);
            return;
        }
        lastDetail = detail;
        runTimes(run);
        Set<String> touched = new LinkedHashSet<>();
        for (StepRun step : changed) {
            String name = nameOf(step);
            Group group = groups.get(name);
            if (group == null || group.fanOut != step.isFanOutInstance() || !place(group, step)) {
                update(detail.get(), flow);
                return;
            }
            if (group.fanOut) {
                touched.add(name);
            }
        }
        for (String name : touched) {
            rows.set(shown.get(name), groups.get(name).header(name));
        }
        settleTimes();
    }

    /** Puts {@code step} into its group's rows in place; false if it belongs to no row or group shown yet. */
    private boolean place(Group group, StepRun step) {
        Integer position = group.positions.get(step.stepId());
        if (position == null && !group.fanOut && group.members.size() == 1 && group.members.get(0).step() == null
                && group.members.get(0).id().equals(step.stepId())) {
            position = 0; // the first run of a step the flow named: it takes the place of its pending row
        }
        RowKind kind = group.fanOut ? RowKind.INSTANCE : RowKind.STEP;
        if (position != null) {
            Row old = group.members.get(position);
            Row row = rowOf(step, kind, group.fanOut ? 1 : 0);
            openRows += (isOpen(row) ? 1 : 0) - (isOpen(old) ? 1 : 0);
            group.replace(position, row);
            Integer at = shown.remove(old.id());
            if (at != null) {
                rows.set(at, row);
                shown.put(row.id(), at);
            }
            return true;
        }
        if (!group.fanOut || group.expanded && !isExpanded(nameOf(step), group.members.size() + 1)) {
            return false; // an expanded fan-out grown past the size shown expanded collapses: the rows move
        }
        Row row = rowOf(step, kind, 1);
        openRows += isOpen(row) ? 1 : 0;
        int at = group.put(row);
        if (group.expanded) {
            insert(shown.get(nameOf(step)) + 1 + at, row);
        }
        return true;
    }

    /** Shows {@code row} at {@code index}, moving the rows from there down by one. */
    private void insert(int index, Row row) {
        rows.add(index, row);
        for (int i = index; i < rows.size(); i++) {
            shown.put(rows.get(i).id(), i);
        }
    }

    /** Lays the groups out as the shown rows: each step's rows, a fan-out's under its group row when expanded. */
    private void flatten() {
        rows.clear();
        shown.clear();
        groups.forEach((name, group) -> {
            if (group.fanOut) {
                show(group.header(name));
                if (group.expanded) {
                    group.members.forEach(this::show);
                }
            } else {
                group.members.forEach(this::show);
            }
        });
    }

    private void show(Row row) {
        shown.put(row.id(), rows.size());
        rows.add(row);
    }

    private void runTimes(Run run) {
        if (run.startedAt() != null) {
            minTime = Math.min(minTime, run.startedAt().toEpochMilli());
        } else if (run.createdAt() != null) {
            minTime = Math.min(minTime, run.createdAt().toEpochMilli());
        }
        if (run.endedAt() != null) {
            maxTime = Math.max(maxTime, run.endedAt().toEpochMilli());
        }
    }

    private void settleTimes() {
        if (minTime == Long.MAX_VALUE) {
            minTime = 0;
        }
        if (maxTime < minTime) {
            maxTime = minTime;
        }
    }

    private static String nameOf(StepRun step) {
        return step.stepName() == null ? step.stepId() : step.stepName();
    }

    private static boolean isOpen(Row row) {
        for (Bar bar : row.bars) {
            if (bar.open()) {
                return true;
            }
        }
        return false;
    }

    private Row rowOf(StepRun step, RowKind kind, int depth) {
        Cached cached = cache.get(step.stepId());
        Row row;
        if (cached != null && sameBars(cached.source, step)) {
            row = cached.row.kind == kind ? cached.row
                    : new Row(step.stepId(), kind, cached.row.stepName, depth, step.state(), cached.row.bars, step, 0, false, Map.of());
        } else {
            row = new Row(step.stepId(), kind, step.stepName() == null ? step.stepId() : step.stepName(), depth,
                    step.state(), barsOf(step), step, 0, false, Map.of());
            cache.put(step.stepId(), new Cached(step, row));
        }
        for (Bar bar : row.bars) {
            minTime = Math.min(minTime, bar.start);
            if (!bar.open()) {
                maxTime = Math.max(maxTime, bar.end);
            }
        }
        return row;
    }

    private static boolean sameBars(StepRun a, StepRun b) {
        return a == b || (a.seq() == b.seq() && a.state() == b.state() && a.attempts().equals(b.attempts())
                && Objects.equals(a.startedAt(), b.startedAt())
                && Objects.equals(a.endedAt(), b.endedAt()));
    }

    static List<Bar> barsOf(StepRun step) {
        if (step.state() == StepState.REUSED || (step.reusedFrom() != null && step.attempts().isEmpty())) {
            long start = step.startedAt() != null ? step.startedAt().toEpochMilli()
                    : step.endedAt() != null ? step.endedAt().toEpochMilli() : Long.MIN_VALUE;
            if (start == Long.MIN_VALUE) {
                return List.of();
            }
            long end = step.endedAt() != null ? Math.max(start, step.endedAt().toEpochMilli()) : start;
            return List.of(new Bar(BarKind.REUSED, start, end, StepState.REUSED, 0));
        }
        List<Bar> bars = new ArrayList<>(step.attempts().size() * 3);
        long previousEnd = Long.MIN_VALUE;
        Attempt last = step.lastAttempt();
        for (Attempt attempt : step.attempts()) {
            StepState tone = toneOf(attempt, attempt == last ? step.state() : null);
            long queued = attempt.queuedAt() != null ? attempt.queuedAt().toEpochMilli()
                    : attempt.startedAt() != null ? attempt.startedAt().toEpochMilli() : Long.MIN_VALUE;
            if (queued == Long.MIN_VALUE) {
                continue;
            }
            if (previousEnd != Long.MIN_VALUE && previousEnd < queued) {
                bars.add(new Bar(BarKind.GAP, previousEnd, queued, StepState.RETRYING, attempt.number()));
            }
            long started = attempt.startedAt() != null ? Math.max(queued, attempt.startedAt().toEpochMilli()) : OPEN;
            boolean ended = attempt.endedAt() != null;
            if (started == OPEN) {
                // still queued, or ended (cancelled) before a worker took it
                long end = ended ? Math.max(queued, attempt.endedAt().toEpochMilli()) : OPEN;
                bars.add(new Bar(BarKind.QUEUE, queued, end, tone, attempt.number()));
                previousEnd = end == OPEN ? Long.MIN_VALUE : end;
                continue;
            }
            if (started > queued) {
                bars.add(new Bar(BarKind.QUEUE, queued, started, tone, attempt.number()));
            }
            long end = ended ? Math.max(started, attempt.endedAt().toEpochMilli()) : OPEN;
            bars.add(new Bar(BarKind.RUN, started, end, tone, attempt.number()));
            previousEnd = end == OPEN ? Long.MIN_VALUE : end;
        }
        if (step.state() == StepState.RETRYING && previousEnd != Long.MIN_VALUE) {
            // waiting out the backoff before the next attempt: a gap that grows until it is queued
            bars.add(new Bar(BarKind.GAP, previousEnd, OPEN, StepState.RETRYING, step.attempts().size() + 1));
        }
        return List.copyOf(bars);
    }

    /** The colour of one attempt: its own outcome, or the step's state for a running last attempt. */
    private static StepState toneOf(Attempt attempt, StepState stepState) {
        if (attempt.state() == AttemptState.RUNNING) {
            // an attempt left open by a step that ended anyway (interrupted, cancelled) takes the step's colour
            return stepState != null && stepState.isTerminal() ? stepState : StepState.RUNNING;
        }
        return switch (attempt.state()) {
            case SUCCEEDED -> StepState.SUCCEEDED;
            case FAILED, TIMED_OUT -> StepState.FAILED;
            case CANCELLED -> StepState.CANCELLED;
            case INTERRUPTED -> StepState.INTERRUPTED;
            case RUNNING -> StepState.RUNNING;
        };
    }
}
