package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.RequestValues;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.workspace.ConfiguredCalls;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.RunReference;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run to replay and the options that make a {@link ReplayRequest}, shared by {@code reprise plan} and
 * {@code reprise replay}.
 */
final class ReplayOptions {

    @Parameters(paramLabel = "RUN", arity = "0..*", description = {"The run: its id, its name (the newest run of"
            + " that name), a flow's id or a flow file (its newest run); RUN/STEP names a step of it too, as"
            + " --only STEP does. 'replay' takes several runs and replays each on its own (see --query)."})
    List<String> runIds;

    @Option(names = "--flow", paramLabel = "FLOW", description = "The newest run of this flow, instead of RUN.")
    String flow;

    /** The run and the request, once {@link #resolve} has read the run reference. */
    record Resolved(String runId, ReplayRequest request) {
    }

    /** The one run reference given, or null (none, several, or --flow). */
    String single() {
        return runIds != null && runIds.size() == 1 && flow == null ? runIds.get(0) : null;
    }

    /** True when more than one run is named: a bulk replay. */
    boolean namesSeveral() {
        return runIds != null && runIds.size() > 1;
    }

    /**
     * Finds the run {@link #runIds} names in {@code workspace} (saying on stderr which run a name or a flow gave)
     * and makes the request, a step named in the reference being the scope.
     */
    Resolved resolve(RepriseCommand root, Workspace workspace) {
        String runId = runIds == null || runIds.isEmpty() ? null : runIds.get(0);
        if ((runId == null) == (flow == null)) {
            throw new IllegalArgumentException(runId == null ? "name the run: RUN, or --flow FLOW for its newest run"
                    : "give RUN or --flow, not both");
        }
        if (namesSeveral()) {
            throw new IllegalArgumentException("this command takes one run, not " + runIds.size()
                    + "; 'reprise replay RUN… --dry-run' plans several");
        }
        RunReference.StepReference reference = flow != null
                ? new RunReference.StepReference(RunReference.newestOf(workspace, flow), null)
                : root.resolve(workspace, runId);
        if (flow != null) {
            root.err.println("run of flow " + flow + ": " + reference.run().note());
            root.err.flush();
        }
        ReplayRequest request = toRequest();
        if (reference.stepId() != null) {
            if (scope != null) {
                throw new IllegalArgumentException("name the steps once: " + runId
                        + " names a step already; drop --from, --only or --failed, or the /STEP");
            }
            request = request.withScope(ReplayScope.only(reference.stepId()));
        }
        return new Resolved(reference.run().run().id(), request);
    }

    /**
     * The request of a bulk replay of the runs named and those {@code query} finds (null: none): the scope
     * given for all, or none (each run's own); options that make sense for one run only are refused.
     */
    BulkReplayRequest toBulkRequest(RunQuery query) {
        List<String> single = new ArrayList<>();
        if (flow != null) {
            single.add("--flow");
        }
        if (!values.parameters().isEmpty() || !values.stepInputs().isEmpty()) {
            single.add("-i/--set/--set-file");
        }
        if (setOutput != null && !setOutput.isEmpty()) {
            single.add("--set-output");
        }
        if (name != null) {
            single.add("--name");
        }
        if (config.given()) {
            single.add("--config");
        }
        if (!single.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", single) + " apply to one run; a replay of several "
                    + "runs takes a scope, --revision, --env and --label for all of them");
        }
        List<String> runs = runIds == null ? List.of() : runIds;
        for (String run : runs) {
            if (run.contains("/")) {
                throw new IllegalArgumentException("'" + run + "' names a step: a replay of several runs takes whole "
                        + "runs, with --only STEP for the same steps in each");
            }
        }
        ReplayScope given = scope == null ? null : toRequest().scope();
        return new BulkReplayRequest(runs, query, given, revision, KeyValues.parse(env, "--env"),
                KeyValues.parse(labels, "--label"));
    }

    static final class Scope {
        @Option(names = "--from", paramLabel = "STEP", description = "Replay this step and everything downstream; reuse upstream.")
        String from;

        @Option(names = "--only", paramLabel = "STEP", arity = "1..*",
                description = "Replay only these steps or instances (e.g. train[1]); nothing downstream.")
        List<String> only;

        @Option(names = "--failed", description = "Replay what did not succeed and its downstream; reuse the rest.")
        boolean failed;

        @Option(names = "--whole", description = {"Replay every step: the default for one run; for several, the whole "
                + "of each (without a scope, each run that did not succeed replays its failed part)."})
        boolean whole;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Scope scope;

    @Mixin
    InputOptions values;

    @Option(names = "--set-output", paramLabel = "STEP.OUTPUT=VALUE",
            description = "Treat a step as done with this output, without running it (repeatable).")
    List<String> setOutput;

    @Option(names = "--revision", paramLabel = "original|latest|N",
            description = "Flow revision to replay with (default: original; a flow FILE: the file's own code).")
    String revision;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Environment for executed shell steps (repeatable).")
    List<String> env;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label of the new run (repeatable).")
    List<String> labels;

    @Option(names = "--name", description = "Name of the new run (default: the first run's name and the replay's number in its lineage, "
            + "e.g. 'nightly (replay 2)').")
    String name;

    @Mixin
    ConfigOption config;

    /**
     * The run configuration file given with {@code --config}, with this command's values over it, or null without
     * one. Its revision gives way to {@code --revision}, and to a flow file's code, against whose flow its values
     * are checked first ({@code code}; null for a run), so that a refused replay leaves no revision behind.
     */
    RunConfigFile configFile(RepriseCommand root, Workspace workspace, LocalCode.Checked code) {
        if (!config.given()) {
            return null;
        }
        RunConfigFile file = config.read(root, RunConfig.of(name, new RequestValues(values.parameters(),
                values.stepInputs(), null), KeyValues.parse(env, "--env"), KeyValues.parse(labels, "--label")));
        if (code != null) {
            List<Problem> problems = new ArrayList<>(ConfiguredCalls.problems(file, code.flow(),
                    StepTypeCatalog.of(workspace.stepTypes())));
            if (file.config().revision() != null) {
                problems.add(file.problemAt("revision", "replaying " + code.file() + " runs the file's code; drop "
                        + "revision"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
        return revision != null || code != null ? file.withoutRevision() : file;
    }

    /** The plan of {@code replayed}, with the values of {@code file} (null: none). */
    static ReplayPlan plan(Workspace workspace, RunConfigFile file, Resolved replayed) {
        return file == null ? workspace.plan(replayed.runId(), replayed.request())
                : ConfiguredCalls.plan(workspace, file, replayed.runId(), replayed.request());
    }

    /** Replays {@code replayed}, with the values of {@code file} (null: none). */
    static Run replay(Workspace workspace, RunConfigFile file, Resolved replayed) {
        return file == null ? workspace.replay(replayed.runId(), replayed.request())
                : ConfiguredCalls.replay(workspace, file, replayed.runId(), replayed.request());
    }

    ReplayRequest toRequest() {
        ReplayScope replayScope = ReplayScope.whole();
        if (scope != null) {
            if (scope.from != null) {
                replayScope = ReplayScope.from(scope.from);
            } else if (scope.only != null) {
                replayScope = ReplayScope.only(scope.only.toArray(String[]::new));
            } else if (scope.failed) {
                replayScope = ReplayScope.failed();
            }
        }
        Map<String, JsonNode> parameters = values.parameters();
        Map<String, Map<String, JsonNode>> stepInputs = values.stepInputs();
        Map<String, Map<String, JsonNode>> outputs = new LinkedHashMap<>();
        dotted(setOutput, "--set-output").forEach((step, values) -> values.forEach((k, v) ->
                outputs.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(k, Format.text(v))));
        return new ReplayRequest(replayScope, parameters, stepInputs, outputs, revision,
                KeyValues.parse(env, "--env"), KeyValues.parse(labels, "--label"), name);
    }

    /** {@code STEP.NAME=VALUE} pairs grouped by step; the step may be an instance such as {@code train[1]}. */
    static Map<String, Map<String, String>> dotted(List<String> pairs, String option) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        KeyValues.parse(pairs, option).forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException(option + " expects STEP.NAME=VALUE, got '" + key + "=" + value + "'");
            }
            result.computeIfAbsent(key.substring(0, dot), s -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        });
        return result;
    }
}
