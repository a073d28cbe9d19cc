package dev.reprise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowException;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.Problem;
import dev.reprise.run.ReplayRequest;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.Workspace;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow file of this machine whose code a replay runs, as ZenML's {@code pipeline.replay()} and Flyte's
 * {@code run --rerun-from} deploy local code with a past run's inputs: {@code reprise replay FILE} and
 * {@code reprise run FILE --rerun-from RUN}. The file is checked — every problem of it, and every flow input
 * given that it does not take — before it is applied, so that a refused replay leaves no revision behind.
 */
final class LocalCode {

    /** {@code FILE.yaml} or {@code FILE.yml}, with {@code /STEP} after it when a step is named. */
    static final Pattern FLOW_FILE = Pattern.compile("(.+\\.ya?ml)(?:/([^/]+))?");

    /** The flow file's text (or folder's) and the flow it defines, checked. */
    record Checked(Path file, String source, Flow flow, FlowsCommand.Given given) {
    }

    private LocalCode() {
    }

    /**
     * Whether {@code reference} names a flow of this machine rather than an applied flow: a flow file that exists,
     * or a flow folder — a folder given as a path ({@code trips/}, {@code ./trips}), so that a folder that happens
     * to be named like a flow id (as it often is) does not shadow the id.
     */
    static boolean isLocal(String reference) {
        Path path = Path.of(reference);
        return Files.isRegularFile(path) || isFolder(reference);
    }

    private static boolean isFolder(String reference) {
        return (reference.contains("/") || reference.contains(File.separator))
                && FlowFolder.isFolder(Path.of(reference));
    }

    /**
     * The file or folder {@code reference} names ({@code FILE.yaml}, {@code FILE.yaml/STEP} or a flow folder's path
     * holding {@code flow.yaml}) when it exists here.
     */
    static Optional<Path> fileOf(String reference) {
        String text = reference == null ? "" : reference.strip();
        if (!text.isEmpty() && isFolder(text) && Files.isRegularFile(Path.of(text, FlowFolder.FLOW_FILE))) {
            return Optional.of(Path.of(text));
        }
        Matcher matcher = FLOW_FILE.matcher(text);
        if (!matcher.matches() || !Files.isRegularFile(Path.of(matcher.group(1)))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(matcher.group(1)));
    }

    /**
     * Reads and checks {@code file}: valid against the workspace's step types, and taking every flow input of
     * {@code parameters}; throws {@link InvalidInputException} with every problem otherwise. Writes nothing.
     */
    static Checked check(RepriseCommand root, Workspace workspace, Path file, Map<String, JsonNode> parameters) {
        FlowsCommand.Given given = FlowsCommand.Given.read(root, file);
        String source = given.source();
        List<Problem> problems = new ArrayList<>(given.validate(workspace));
        Flow flow = null;
        if (problems.isEmpty()) {
            try {
                flow = new FlowParser().parse(source, given.fileName());
                for (String name : parameters.keySet()) {
                    if (!flow.inputs().containsKey(name)) {
                        problems.add(Problem.of(flow.unknownInput("flow '" + flow.id() + "' of " + file, name)));
                    }
                }
            } catch (FlowException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(file, source, flow, given);
    }

    /** Applies the checked file (a new revision only if it changed, said on stderr) and answers its revision. */
    static int apply(RepriseCommand root, Workspace workspace, Checked checked) {
        ApplyResult applied = checked.given().apply(workspace);
        int revision = applied.revision().revision();
        root.err.println(applied.created() ? "applied " + checked.flow().id() + " revision " + revision + " from "
                + checked.file() : checked.file() + " is " + checked.flow().id() + " revision " + revision + " already");
        root.err.flush();
        return revision;
    }

    /**
     * The request a plan of the file's replay makes, writing nothing: the latest revision of its flow, said on
     * stderr to be the file's code, or not yet (the replay applies the file first).
     */
    static ReplayRequest forPlan(RepriseCommand root, Workspace workspace, Checked checked, ReplayRequest request) {
        FlowFolder folder = checked.given().folder();
        boolean same = workspace.revision(checked.flow().id(), null).sha256().equals(FlowFolder.revisionDigest(
                checked.source(), folder == null ? List.of() : folder.flowFiles()));
        root.err.println("planned with the latest revision of " + checked.flow().id() + (same ? ", the file's code"
                : "; the file differs from it, and the replay applies it first as a new revision"));
        root.err.flush();
        return request.withRevision(ReplayRequest.LATEST);
    }

    /**
     * Checks the file a single reference names, if it names one, for {@code plan} and {@code replay}: null for a
     * reference that is no flow file; refused with {@code --revision}, as the file is the code.
     */
    static Checked checkReference(RepriseCommand root, Workspace workspace, ReplayOptions options) {
        Optional<Path> file = fileOf(options.single());
        if (file.isEmpty()) {
            return null;
        }
        if (options.revision != null) {
            throw new IllegalArgumentException("replaying " + file.get() + " runs the file's code: drop --revision, "
                    + "or name the run (its id, its name or the flow's id) to choose a revision");
        }
        return check(root, workspace, file.get(), options.values.parameters());
    }
}
