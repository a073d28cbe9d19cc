package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowException;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.InputType;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.RequestValues;
import dev.reprise.run.Run;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.ConfiguredCalls;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.RunReference;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code reprise run FLOW}: starts a run of a flow file (applied first) or of an applied flow, and waits for it. */
@Command(name = "run", description = {"Run a flow and wait for it to end.",
        "FLOW is a flow file (applied first, as a new revision if it changed) or the id of an applied flow; with "
                + "--config, it may be left to the file's flow.",
        "With --config FILE, the run takes the run configuration of FILE (YAML: flow, revision, name, inputs, steps, "
                + "labels, env); FLOW and the options given beside it override its values.",
        "With --server, returns once the run has started (printing its id) unless --follow.",
        "With --rerun-from RUN, the flow's code runs with RUN's inputs as a replay of RUN.",
        "Exit code 0 if the run succeeded, 1 if it did not, 2 for bad input."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FLOW", arity = "0..1")
    String flow;

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE", description = "A flow input (repeatable).")
    List<String> inputs;

    @Option(names = "--revision", paramLabel = "N", description = "Revision of an applied flow (default: latest).")
    Integer revision;

    @Option(names = "--name", description = "A name for the run.")
    String name;

    @Mixin
    RunStartOptions options;

    @Mixin
    ConfigOption config;

    @Option(names = "--rerun-from", paramLabel = "RUN", description = {"Run the flow's code (the file, or the "
            + "revision) with the inputs of RUN, a run of the same flow, as a replay of it: Flyte's --rerun-from. "
            + "-i overrides an input; every step runs again."})
    String rerunFrom;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        Workspace workspace = root.workspace();
        String flowId = flow;
        Integer rev = revision;
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        KeyValues.parse(inputs, "-i").forEach((k, v) -> parameters.put(k, Format.text(v)));
        if (config.given()) {
            if (rerunFrom != null) {
                throw new IllegalArgumentException("--rerun-from takes the inputs of a run: give --config or "
                        + "--rerun-from, not both");
            }
            return configured(root, workspace, parameters);
        }
        if (flow == null) {
            throw new IllegalArgumentException("name the flow to run: FLOW (a flow file, or an applied flow's id), or "
                    + "--config FILE naming it");
        }
        if (rerunFrom != null) {
            return rerun(root, workspace, parameters);
        }
        Path file = Path.of(flow);
        if (LocalCode.isLocal(flow)) {
            if (revision != null) {
                throw new IllegalArgumentException("--revision applies to an applied flow id, not to a file");
            }
            FlowsCommand.Given given = FlowsCommand.Given.read(root, file);
            refuseBadFileOrInputs(workspace, given, parameters);
            ApplyResult applied = given.apply(workspace);
            flowId = applied.revision().flowId();
            rev = applied.revision().revision();
            if (applied.created()) {
                root.err.println("applied " + flowId + " revision " + rev);
            }
        } else if (flow.endsWith(".yaml") || flow.endsWith(".yml")) {
            throw new IllegalArgumentException("no such file: " + flow);
        }
        Run started;
        try {
            started = workspace.start(new StartRequest(flowId, rev, parameters, name, options.labels(), options.env()));
        } catch (NotFoundException e) {
            throw withSuggestion(workspace, e);
        }
        root.err.println("run " + started.id() + " of " + flowId + " revision " + started.revision() + " started"
                + (root.isRemote() ? " on " + workspace.location() : ""));
        root.err.flush();
        return options.awaitAndReport(root, workspace, started);
    }

    /**
     * {@code run [FLOW] --config FILE}: a run of the file's configuration, FLOW and the options over it. A flow file
     * is checked with the configuration's values against it before it is applied, so that a refused run leaves no
     * revision behind.
     */
    private int configured(RepriseCommand root, Workspace workspace, Map<String, JsonNode> parameters)
            throws InterruptedException {
        boolean isFile = flow != null && LocalCode.isLocal(flow);
        if (isFile && revision != null) {
            throw new IllegalArgumentException("--revision applies to an applied flow id, not to a file");
        }
        RunConfigFile file = config.read(root, RunConfig.of(name, RequestValues.ofParameters(parameters),
                options.labels(), options.env()).withFlow(isFile ? null : flow, revision));
        if (isFile) {
            LocalCode.Checked code = LocalCode.check(root, workspace, Path.of(flow), Map.of());
            List<Problem> problems = new ArrayList<>();
            if (file.config().revision() != null) {
                problems.add(file.problemAt("revision", "the flow is the file " + flow + ", whose code runs; drop "
                        + "revision"));
            }
            problems.addAll(ConfiguredCalls.problems(file, code.flow(), StepTypeCatalog.of(workspace.stepTypes())));
            problems.addAll(missingFiles(code.flow(), file.config().inputs()));
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            ApplyResult applied = code.given().apply(workspace);
            if (applied.created()) {
                root.err.println("applied " + applied.revision().flowId() + " revision " + applied.revision().revision());
            }
            file = file.overriddenBy(RunConfig.empty().withFlow(applied.revision().flowId(),
                    applied.revision().revision()));
        }
        Run started = ConfiguredCalls.start(workspace, file);
        root.err.println("run " + started.id() + " of " + started.flowId() + " revision " + started.revision()
                + " started" + (root.isRemote() ? " on " + workspace.location() : ""));
        root.err.flush();
        return options.awaitAndReport(root, workspace, started);
    }

    /**
     * {@code run FLOW --rerun-from RUN}: RUN replayed whole with FLOW's code — the file applied (checked first, so
     * that a refused rerun leaves no revision) or the revision named — and RUN's inputs, -i over them.
     */
    private int rerun(RepriseCommand root, Workspace workspace, Map<String, JsonNode> parameters)
            throws InterruptedException {
        Path file = Path.of(flow);
        boolean isFile = LocalCode.isLocal(flow);
        if (isFile && revision != null) {
            throw new IllegalArgumentException("--revision applies to an applied flow id, not to a file");
        }
        LocalCode.Checked code = isFile ? LocalCode.check(root, workspace, file, parameters) : null;
        String flowId = isFile ? code.flow().id() : flow;
        RunReference.StepReference reference = root.resolve(workspace, rerunFrom);
        Run source = reference.run().run();
        if (reference.stepId() != null) {
            throw new IllegalArgumentException("--rerun-from takes a run, not a step: every step runs again "
                    + "(to replay one step, use 'reprise replay " + rerunFrom + "')");
        }
        if (!source.flowId().equals(flowId)) {
            throw new IllegalArgumentException("--rerun-from " + rerunFrom + ": run " + source.id() + " is of flow "
                    + source.flowId() + ", not " + flowId + "; a rerun keeps the flow (run " + flow
                    + " on its own, or name a run of " + flowId + ")");
        }
        if (!isFile && workspace.flows().stream().noneMatch(f -> f.id().equals(flowId))) {
            throw new NotFoundException("no flow '" + flowId + "'");
        }
        String chosen = isFile ? String.valueOf(LocalCode.apply(root, workspace, code))
                : revision != null ? String.valueOf(revision) : ReplayRequest.LATEST;
        ReplayRequest request = new ReplayRequest(ReplayScope.whole(), parameters, null, null, chosen, options.env(),
                options.labels(), name);
        Run started = workspace.replay(source.id(), request);
        root.err.println("run " + started.id() + " reruns " + source.id() + " with " + flowId + " revision "
                + started.revision() + (root.isRemote() ? " on " + workspace.location() : ""));
        root.err.flush();
        return options.awaitAndReport(root, workspace, started);
    }

    /**
     * {@code reprise run list} meant {@code reprise runs list}: when FLOW names no flow but is the name of a
     * command, the error says which.
     */
    private NotFoundException withSuggestion(Workspace workspace, NotFoundException e) {
        List<String> commands = CommandTree.named(spec.root().commandLine(), flow, "runs");
        commands.remove(spec.qualifiedName());
        if (commands.isEmpty() || workspace.flows().stream().anyMatch(f -> f.id().equals(flow))) {
            return e;
        }
        String others = commands.stream().skip(1).map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        return new NotFoundException(e.getMessage() + "; did you mean '" + commands.get(0) + "'"
                + (others.isEmpty() ? "" : " (or " + others + ")") + "?");
    }

    /**
     * Refuses a flow file that is not valid, or inputs that the flow does not take, before the file is applied:
     * a run refused for its inputs must not leave a new revision behind.
     */
    private static void refuseBadFileOrInputs(Workspace workspace, FlowsCommand.Given given,
                                              Map<String, JsonNode> parameters) {
        List<Problem> problems = given.validate(workspace);
        if (problems.isEmpty()) {
            try {
                Flow flow = new FlowParser().parse(given.source(), given.fileName());
                flow.parameters(parameters);
                problems = missingFiles(flow, parameters);
            } catch (FlowException e) {
                problems = e.problems();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** A file input given as a path of this machine must name a file: it is read only once the run starts. */
    static List<Problem> missingFiles(Flow flow, Map<String, JsonNode> parameters) {
        List<Problem> problems = new ArrayList<>();
        flow.inputs().values().stream().filter(spec -> spec.type() == InputType.FILE).forEach(spec -> {
            JsonNode value = parameters.get(spec.name());
            if (value != null && value.isTextual() && !Files.isRegularFile(Path.of(value.asText()))) {
                problems.add(Problem.of("input '" + spec.name() + "': no such file: " + value.asText()));
            }
        });
        return problems;
    }
}
