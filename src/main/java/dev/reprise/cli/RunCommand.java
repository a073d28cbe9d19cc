package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowException;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.InputType;
import dev.reprise.flow.Problem;
import dev.reprise.run.Run;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
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
        "FLOW is a flow file (applied first, as a new revision if it changed) or the id of an applied flow.",
        "With --server, returns once the run has started (printing its id) unless --follow.",
        "Exit code 0 if the run succeeded, 1 if it did not, 2 for bad input."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FLOW")
    String flow;

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE", description = "A flow input (repeatable).")
    List<String> inputs;

    @Option(names = "--revision", paramLabel = "N", description = "Revision of an applied flow (default: latest).")
    Integer revision;

    @Option(names = "--name", description = "A name for the run.")
    String name;

    @Mixin
    RunStartOptions options;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        Workspace workspace = root.workspace();
        String flowId = flow;
        Integer rev = revision;
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        KeyValues.parse(inputs, "-i").forEach((k, v) -> parameters.put(k, Format.text(v)));
        Path file = Path.of(flow);
        if (Files.isRegularFile(file)) {
            if (revision != null) {
                throw new IllegalArgumentException("--revision applies to an applied flow id, not to a file");
            }
            String source = FlowsCommand.read(root, file);
            refuseBadFileOrInputs(workspace, source, file.toString(), parameters);
            ApplyResult applied = workspace.applyFlow(source, file.toString());
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
    private static void refuseBadFileOrInputs(Workspace workspace, String source, String fileName,
                                              Map<String, JsonNode> parameters) {
        List<Problem> problems = workspace.validateFlow(source, fileName);
        if (problems.isEmpty()) {
            try {
                Flow flow = new FlowParser().parse(source, fileName);
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
    private static List<Problem> missingFiles(Flow flow, Map<String, JsonNode> parameters) {
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
