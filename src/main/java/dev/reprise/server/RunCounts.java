package dev.reprise.server;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run and step figures of {@link ServerMetrics}, kept from the run events the server hears, so that a scrape
 * reads a few numbers instead of the store. The workspace contract has no cheap count of runs by state, and
 * paging through every run (there may be 100,000) on each scrape is out of the question; so this keeps
 * <ul>
 *   <li>the runs that have not ended (queued, running), each with its state: seeded at start from the bounded
 *   query of such runs ({@link #seed}), then moved by events; these are few;</li>
 *   <li>counts of the runs and of the step instances that reached each terminal state since the server started,
 *   which is what Prometheus counters are (a rate or an increase over any window comes from them).</li>
 * </ul>
 * An event may be heard twice (a relay after a takeover): a run or a step instance that ended is remembered for a
 * while (the last {@value #REMEMBERED} of each) so that it is counted once. Thread-safe.
 */
final class RunCounts implements Consumer<RunEvent> {

    /** How many ended runs, and ended step instances, are remembered so that a repeated event is not counted. */
    static final int REMEMBERED = 16_384;

    private record Active(RunState state, long seq) {
    }

    private final Map<String, Active> active = new HashMap<>();
    private final Set<String> endedRuns = recent();
    private final Set<String> endedSteps = recent();
    private final EnumMap<RunState, Long> runsFinished = new EnumMap<>(RunState.class);
    private final EnumMap<StepState, Long> stepsFinished = new EnumMap<>(StepState.class);

    @Override
    public void accept(RunEvent event) {
        switch (event) {
            case RunEvent.RunChanged changed -> runChanged(changed.run());
            case RunEvent.StepChanged changed -> stepChanged(changed.step());
        }
    }

    /**
     * A run read by the start-up query of the runs that had not ended. An event already heard for it is as new
     * or newer (or says it ended), so it wins.
     */
    synchronized void seed(Run run) {
        if (!run.state().isTerminal() && !endedRuns.contains(run.id())) {
            Active known = active.get(run.id());
            if (known == null || known.seq() < run.seq()) {
                active.put(run.id(), new Active(run.state(), run.seq()));
            }
        }
    }

    private synchronized void runChanged(Run run) {
        if (endedRuns.contains(run.id())) {
            return;
        }
        if (run.state().isTerminal()) {
            active.remove(run.id());
            endedRuns.add(run.id());
            runsFinished.merge(run.state(), 1L, Long::sum);
        } else {
            Active known = active.get(run.id());
            if (known == null || known.seq() <= run.seq()) {
                active.put(run.id(), new Active(run.state(), run.seq()));
            }
        }
    }

    private synchronized void stepChanged(StepRun step) {
        if (step.state().isTerminal() && endedSteps.add(step.runId() + '\u0000' + step.stepId())) {
            stepsFinished.merge(step.state(), 1L, Long::sum);
        }
    }

    /** How many runs are in each state that has not ended (every such state, zeros included). */
    synchronized Map<RunState, Long> notEnded() {
        EnumMap<RunState, Long> counts = new EnumMap<>(RunState.class);
        for (RunState state : RunState.values()) {
            if (!state.isTerminal()) {
                counts.put(state, 0L);
            }
        }
        for (Active run : active.values()) {
            counts.merge(run.state(), 1L, Long::sum);
        }
        return counts;
    }

    /** How many runs reached each terminal state since the start (every terminal state, zeros included). */
    synchronized Map<RunState, Long> runsFinished() {
        EnumMap<RunState, Long> counts = new EnumMap<>(RunState.class);
        for (RunState state : RunState.values()) {
            if (state.isTerminal()) {
                counts.put(state, runsFinished.getOrDefault(state, 0L));
            }
        }
        return counts;
    }

    /** How many step instances reached each terminal state since the start (zeros included). */
    synchronized Map<StepState, Long> stepsFinished() {
        EnumMap<StepState, Long> counts = new EnumMap<>(StepState.class);
        for (StepState state : StepState.values()) {
            if (state.isTerminal()) {
                counts.put(state, stepsFinished.getOrDefault(state, 0L));
            }
        }
        return counts;
    }

    private static Set<String> recent() {
        return Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
    }
}
