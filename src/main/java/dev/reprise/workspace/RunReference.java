package dev.reprise.workspace;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;

import java.util.List;
import java.util.Optional;

/**
 * A run as people name it, found as ZenML finds the run to replay: by its id; else by its name (the newest
 * run of that name); else as a flow's id (the newest run of that flow). What was found says how, and whether
 * the name was shared, so that a command can tell its user which run it took. Immutable.
 *
 * @param run  the run found
 * @param note how it was found when that was not by its id (e.g. "the newest of 3 runs named nightly"); null
 *             for an id
 */
public record RunReference(Run run, String note) {

    /** Finds the run {@code reference} names in {@code workspace}. */
    public static RunReference resolve(Workspace workspace, String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidInputException("name a run: its id, its name, or a flow's id for its newest run");
        }
        String text = reference.strip();
        try {
            return new RunReference(workspace.run(text).run(), null);
        } catch (NotFoundException byId) {
            List<Run> named = workspace.runs(RunQuery.all().withName(text).withLimit(RunQuery.MAX_LIMIT)).runs();
            if (!named.isEmpty()) {
                Run newest = named.get(0);
                return new RunReference(newest, named.size() == 1 ? "the run named " + text
                        : "the newest of " + (named.size() == RunQuery.MAX_LIMIT ? "over " + (named.size() - 1)
                        : named.size()) + " runs named " + text + " (" + newest.id() + ")");
            }
            return newestOfFlow(workspace, text).orElseThrow(() -> new NotFoundException("no run '" + text
                    + "': no run has that id or name, and no flow of that id has runs"));
        }
    }

    /** The newest run of flow {@code flowId} in {@code workspace}. */
    public static RunReference newestOf(Workspace workspace, String flowId) {
        return newestOfFlow(workspace, flowId).orElseThrow(() -> new NotFoundException("flow " + flowId + " has no runs"));
    }

    private static Optional<RunReference> newestOfFlow(Workspace workspace, String flowId) {
        return workspace.runs(RunQuery.all().withFlow(flowId).withLimit(1)).runs().stream().findFirst()
                .map(run -> new RunReference(run, "the newest run of flow " + flowId + " (" + run.id() + ")"));
    }

    /**
     * The run and step {@code reference} names: {@code RUN/STEP} (a step id such as {@code parse} or
     * {@code count[3]}), the run named as {@link #resolve} reads it; the step is null without a slash.
     */
    public static StepReference resolveStep(Workspace workspace, String reference) {
        int slash = reference == null ? -1 : reference.indexOf('/');
        if (slash < 0) {
            return new StepReference(resolve(workspace, reference), null);
        }
        String step = reference.substring(slash + 1).strip();
        if (step.isEmpty()) {
            throw new InvalidInputException("name a step after the '/': RUN/STEP, e.g. nightly/parse or nightly/count[3]");
        }
        return new StepReference(resolve(workspace, reference.substring(0, slash)), step);
    }

    /** A run found by {@link #resolveStep}, and the step named after it (null when none was). */
    public record StepReference(RunReference run, String stepId) {
    }
}
