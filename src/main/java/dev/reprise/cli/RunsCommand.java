package dev.reprise.cli;

import dev.reprise.flow.InputType;
import dev.reprise.run.Attempt;
import dev.reprise.run.Lineage;
import dev.reprise.run.Run;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.RunReference;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code reprise runs list|show|lineage|delete}. */
@Command(name = "runs", description = "List, show and delete runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.LineageTree.class,
                DeleteRunsCommand.class})
final class RunsCommand {

    @Command(name = "list", description = "List runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Option(names = "--flow", description = "Only runs of this flow.")
        String flowId;

        @Option(names = "--state", paramLabel = "STATE", split = ",",
                description = "Only runs in these states (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED).")
        List<String> states;

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Only runs with this label (repeatable).")
        List<String> labels;

        @Option(names = "--text", description = "Only runs whose id, name or flow contains this text.")
        String text;

        @Option(names = "--since", paramLabel = "TIME",
                description = "Only runs created at or after TIME (2024-03-01, 2024-03-01T12:00:00Z, or 2h, 3d ago).")
        String since;

        @Option(names = "--until", paramLabel = "TIME", description = "Only runs created before TIME.")
        String until;

        @Option(names = "--parent", paramLabel = "RUN",
                description = "Only runs that a step of RUN started (its sub-pipelines).")
        String parent;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many runs (default 50).")
        int limit;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            Set<RunState> wanted = states(states);
            if (limit < 1 || limit > RunQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("--limit must be between 1 and " + RunQuery.MAX_LIMIT);
            }
            Workspace workspace = output.root().workspace();
            String parentId = parent == null ? null : output.root().resolve(workspace, parent).run().run().id();
            RunQuery query = new RunQuery(flowId, wanted, KeyValues.parse(labels, "--label"), text,
                    time(since, "--since"), time(until, "--until"), limit, null, null, parentId);
            Screen screen = output.root().screen();
            return output.print(workspace.runs(query), (out, page) -> print(out, screen, page));
        }

        static void print(PrintWriter out, Screen screen, RunPage page) {
            Format.table(out, screen, List.of("RUN", "FLOW", "REV", "STATE", "CREATED", "DURATION", "NAME", "LABELS",
                    "LINEAGE"), Set.of("NAME", "LABELS", "LINEAGE"), page.runs(), run -> List.of(run.id(), run.flowId(),
                    String.valueOf(run.revision()), screen.state(run.state()), Format.time(run.createdAt()),
                    Format.duration(run.startedAt(), run.endedAt()),
                    run.name() == null ? "" : run.name(), Format.labels(run.labels()),
                    lineage(run)));
            if (page.nextCursor() != null) {
                out.println("(more runs: raise --limit or narrow the filters)");
            }
        }

        /** Where a run comes from: the run it replays, the step that started it, or neither. */
        private static String lineage(Run run) {
            List<String> parts = new ArrayList<>();
            if (run.parentRunId() != null) {
                parts.add("replay of " + run.parentRunId() + (run.modified() ? " (modified)" : ""));
            }
            if (run.trigger() != null) {
                parts.add("started by " + run.trigger().runId() + "/" + run.trigger().stepId());
            }
            return String.join(", ", parts);
        }

        /** The states named (any case), or the empty set for none; an unknown one is refused. */
        static Set<RunState> states(List<String> names) {
            Set<RunState> wanted = EnumSet.noneOf(RunState.class);
            if (names != null) {
                for (String state : names) {
                    try {
                        wanted.add(RunState.valueOf(state.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown state '" + state + "' (expected one of "
                                + Arrays.toString(RunState.values()) + ")");
                    }
                }
            }
            return wanted;
        }

        static Instant time(String text, String option) {
            if (text == null) {
                return null;
            }
            String t = text.trim();
            try {
                if (t.matches("\\d+(ms|s|m|h|d)")) {
                    return Instant.now().minus(InputType.parseDuration(t));
                }
                if (t.length() == 10) {
                    return LocalDate.parse(t).atStartOfDay(ZoneId.systemDefault()).toInstant();
                }
                return Instant.parse(t);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": expected a date (2024-03-01), an instant "
                        + "(2024-03-01T12:00:00Z) or an age (2h, 3d), got '" + text + "'");
            }
        }
    }

    @Command(name = "show", description = "Show a run with its steps, attempts and outputs.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "RUN", description = {"The run: its id, its name (the newest run of that name) or a"
                + " flow's id (its newest run); RUN/STEP shows only that step (or that fan-out step's instances)."})
        String runRef;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            RepriseCommand root = output.root();
            Workspace workspace = root.workspace();
            RunReference.StepReference reference = root.resolve(workspace, runRef);
            RunDetail detail = workspace.run(reference.run().run().id());
            if (reference.stepId() != null) {
                String step = reference.stepId();
                List<StepRun> steps = detail.steps().stream()
                        .filter(s -> s.stepId().equals(step) || s.stepName().equals(step)).toList();
                if (steps.isEmpty()) {
                    throw new NotFoundException("run " + detail.run().id() + " has no step '" + step + "'");
                }
                detail = new RunDetail(detail.run(), steps);
            }
            return output.print(detail, (out, shown) -> print(root, out, shown));
        }

        private static void print(RepriseCommand root, PrintWriter out, RunDetail detail) {
            Run run = detail.run();
            out.println("run       " + run.id() + (run.name() != null ? "  (" + run.name() + ")" : ""));
            out.println("flow      " + run.flowId() + " revision " + run.revision());
            if (isElsewhere(run)) {
                out.println("from      " + run.target() + "  (imported; its source run lives there)");
            }
            out.println("state     " + root.screen().state(run.state()) + (run.error() != null ? "  " + run.error() : ""));
            out.println("created   " + Format.time(run.createdAt()));
            out.println("duration  " + Format.duration(run.startedAt(), run.endedAt()));
            if (!run.labels().isEmpty()) {
                out.println("labels    " + Format.labels(run.labels()));
            }
            run.env().forEach((k, v) -> out.println("env       " + k + "=" + v));
            if (run.parentRunId() != null && run.replay() != null) {
                Run parent = parent(root, run);
                out.println("replay of " + run.parentRunId() + " (root " + run.rootRunId() + "), "
                        + run.replay().scope() + ", revision " + run.replay().revision()
                        + (run.modified() ? ", modified" : "")
                        + (isElsewhere(parent) ? ", of a run from " + parent.target() : ""));
            }
            if (run.trigger() != null) {
                out.println("started by " + run.trigger().runId() + "/" + run.trigger().stepId() + ", attempt "
                        + run.trigger().attempt());
            }
            run.outputs().forEach((k, v) -> out.println("result    " + k + " = " + Format.value(v)));
            run.parameters().forEach((k, v) -> out.println("input     " + k + " = " + Format.value(v)));
            out.println();
            Screen screen = root.screen();
            Format.table(out, screen, List.of("STEP", "STATE", "ATTEMPT", "DURATION", "QUEUED", "ERROR"),
                    Set.of("ERROR"), detail.steps(), step -> List.of(step.stepId(), screen.state(step.state()),
                            step.lastAttempt() == null ? "-" : String.valueOf(step.lastAttempt().number()),
                            Format.duration(step.startedAt(), step.endedAt()),
                            queue(step), step.error() == null ? "" : step.error()));
            printFixes(out, run, detail.steps());
            printChildren(root, out, run, detail.steps());
            boolean header = false;
            for (StepRun step : detail.steps()) {
                for (var output : step.outputs().entrySet()) {
                    if (!header) {
                        out.println();
                        header = true;
                    }
                    out.println("output    " + step.stepId() + "." + output.getKey() + " = " + Format.value(output.getValue()));
                }
            }
        }

        /**
         * The fix suggested for each step whose last attempt failed with one, and how to replay with it: the change
         * is made in the flow, which the replay then runs as its latest revision.
         */
        private static void printFixes(PrintWriter out, Run run, List<StepRun> steps) {
            for (StepRun step : steps) {
                Attempt last = step.lastAttempt();
                if (last == null || last.fix() == null || step.state() == StepState.SUCCEEDED) {
                    continue;
                }
                out.println();
                out.println("suggested fix for " + step.stepId() + ": " + last.fix().summary());
                out.println("  change    " + last.fix().change());
                out.println("  then      reprise replay " + run.id() + " --from " + step.stepId() + " --revision latest");
            }
        }

        /** The runs the steps started (sub-pipelines), each after the step and attempt that started it. */
        private static void printChildren(RepriseCommand root, PrintWriter out, Run run, List<StepRun> steps) {
            boolean any = steps.stream().anyMatch(s -> s.attempts().stream().anyMatch(a -> a.childRunId() != null));
            if (!any) {
                return;
            }
            Map<String, Run> children = new HashMap<>();
            root.workspace().runs(RunQuery.all().withParent(run.id()).withLimit(RunQuery.MAX_LIMIT)).runs()
                    .forEach(child -> children.put(child.id(), child));
            out.println();
            for (StepRun step : steps) {
                for (Attempt attempt : step.attempts()) {
                    if (attempt.childRunId() == null) {
                        continue;
                    }
                    Run child = children.get(attempt.childRunId());
                    out.println("child     " + step.stepId() + " (attempt " + attempt.number() + ") started "
                            + attempt.childRunId() + (child == null ? ""
                            : "  " + child.flowId() + "  " + root.screen().state(child.state())));
                }
            }
        }

        private static String queue(StepRun step) {
            Duration total = Duration.ZERO;
            for (Attempt attempt : step.attempts()) {
                if (attempt.queuedAt() != null && attempt.startedAt() != null) {
                    total = total.plus(Duration.between(attempt.queuedAt(), attempt.startedAt()));
                }
            }
            return step.attempts().isEmpty() ? "-" : Format.duration(total);
        }
    }

    @Command(name = "lineage", description = "Show the replay tree a run belongs to.")
    static final class LineageTree implements Callable<Integer> {
        @Parameters(paramLabel = "RUN", description = "The run: its id, its name (the newest run of that name) or a"
                + " flow's id (its newest run).")
        String runRef;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            Workspace workspace = output.root().workspace();
            String runId = output.root().resolve(workspace, runRef).run().run().id();
            Lineage lineage = workspace.lineage(runId);
            return output.print(lineage, (out, tree) -> print(workspace, out, tree.root(), "", runId));
        }

        /** A run of the tree, the runs its steps started (marked {@code started by}), then its replays. */
        private static void print(Workspace workspace, PrintWriter out, Lineage.Node node, String indent,
                                  String marked) {
            Run run = node.run();
            out.println(indent + run.id() + "  " + run.state() + "  revision " + run.revision()
                    + (run.modified() ? "  modified" : "")
                    + (run.replay() != null && run.parentRunId() != null ? "  " + run.replay().scope() : "")
                    + (isElsewhere(run) ? "  from " + run.target() : "")
                    + (run.id().equals(marked) ? "  <-" : ""));
            List<Run> children = workspace.runs(RunQuery.all().withParent(run.id()).withLimit(RunQuery.MAX_LIMIT))
                    .runs();
            for (Run child : children.reversed()) {
                out.println(indent + "  " + child.id() + "  " + child.state() + "  flow " + child.flowId()
                        + "  started by step " + child.trigger().stepId()
                        + (child.parentRunId() != null ? "  replay of " + child.parentRunId() : "")
                        + (child.id().equals(marked) ? "  <-" : ""));
            }
            node.replays().forEach(replay -> print(workspace, out, replay, indent + "  ", marked));
        }
    }

    private static Run parent(RepriseCommand root, Run run) {
        try {
            return root.workspace().run(run.parentRunId()).run();
        } catch (NotFoundException e) {
            return run; // deleted since: say nothing about it
        }
    }

    /** True for a run imported from elsewhere (a server, another workspace): its target names where. */
    static boolean isElsewhere(Run run) {
        return run.target() != null && !run.target().equals("local");
    }
}
