package dev.reprise.workspace;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The example flows shipped with Reprise, and how to fill a workspace with them: apply each
 * {@code <example>/flow.yaml} — as a flow folder, with its files, when the example's folder holds more than flow
 * files ({@code flow.yaml}, {@code flow.v2.yaml}) — run each once (the last first, so that a list of runs, newest
 * first, shows them in name order) and wait for the runs to end (bike_trips fails
 * at parse and orders at its clean.py on purpose, so a first look shows failures to replay). The CLI's
 * {@code demo} and the desktop app's first start share it. Immutable; {@link #seed} blocks its caller until the
 * runs have ended.
 */
public final class BundledExamples {

    /** How far seeding is: {@code done} of {@code total} runs have ended; {@code message} says what happens. */
    public record Progress(int done, int total, String message) {
        public double fraction() {
            return total == 0 ? 1.0 : (double) done / total;
        }
    }

    /** One example's run as it ended. */
    public record Seeded(String flowId, Run run) {
    }

    /** The names of an example's revisions of its flow: {@code flow.yaml}, and later ones as {@code flow.v2.yaml}. */
    private static final Pattern FLOW_FILES = Pattern.compile("flow(\\.v\\d+)?\\.yaml");

    private final Path folder;

    public BundledExamples(Path folder) {
        this.folder = folder;
    }

    /**
     * The examples next to the launcher in an installed app ({@code -Dreprise.home}/examples), or in the
     * source tree ({@code assets/examples}); empty when neither exists.
     */
    public static Optional<BundledExamples> locate() {
        return candidates().stream().filter(Files::isDirectory).findFirst().map(BundledExamples::new);
    }

    /** Like {@link #locate()}, but says where it looked when the examples are nowhere. */
    public static BundledExamples located() {
        return locate().orElseThrow(() -> new IllegalArgumentException(
                "cannot find the bundled examples (looked in " + candidates() + ")"));
    }

    private static List<Path> candidates() {
        String home = System.getProperty("reprise.home");
        return home != null
                ? List.of(Path.of(home, "examples"), Path.of("assets", "examples"))
                : List.of(Path.of("assets", "examples"));
    }

    public Path folder() {
        return folder;
    }

    /** The first revision of each example: {@code <example>/flow.yaml}, in name order. */
    public List<Path> flowFiles() {
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.map(d -> d.resolve("flow.yaml")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the examples in " + folder, e);
        }
    }

    /** A workspace without flows is a first start: that is when the examples are worth adding. */
    public static boolean isEmpty(Workspace workspace) {
        return workspace.flows().isEmpty();
    }

    /**
     * Applies every example, starts one run of each, and waits until they have all ended, reporting each
     * step of the way to {@code progress} (on the calling thread). Returns the ended runs in example order.
     */
    public List<Seeded> seed(Workspace workspace, Consumer<Progress> progress) throws InterruptedException {
        List<Path> files = flowFiles();
        int total = files.size();
        String[] ids = new String[total];
        Run[] runs = new Run[total];
        // every example is applied before any starts, as one (nightly) runs another as a sub-pipeline
        for (int i = 0; i < total; i++) {
            progress.accept(new Progress(0, total, "Adding " + folder.relativize(files.get(i))));
            ids[i] = apply(workspace, files.get(i)).revision().flowId();
        }
        // the last started first, so that the runs table, newest on top, lists them in name order: bike_trips,
        // the first story, stays in sight however few rows the window shows
        for (int i = total - 1; i >= 0; i--) {
            runs[i] = workspace.start(StartRequest.of(ids[i]));
        }
        List<String> flowIds = List.of(ids);
        List<Run> started = List.of(runs);
        List<Seeded> ended = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            progress.accept(new Progress(i, total, "Running " + flowIds.get(i)));
            Run run = await(workspace, started.get(i).id());
            ended.add(new Seeded(flowIds.get(i), run));
            progress.accept(new Progress(i + 1, total, flowIds.get(i) + " " + run.state().name().toLowerCase()
                    + (run.state() == RunState.FAILED && run.error() != null ? ": " + run.error() : "")));
        }
        return List.copyOf(ended);
    }

    /** Applies one example: its flow file, or its folder when the example keeps other files beside its flows. */
    private static ApplyResult apply(Workspace workspace, Path flowFile) {
        Path example = flowFile.getParent();
        try (Stream<Path> files = Files.list(example)) {
            if (files.anyMatch(f -> !FLOW_FILES.matcher(f.getFileName().toString()).matches())) {
                return FlowFolders.apply(workspace, FlowFolder.read(example));
            }
            return workspace.applyFlow(Files.readString(flowFile), flowFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example " + example, e);
        }
    }

    /** Blocks until run {@code runId} has ended and returns it as it ended. */
    public static Run await(Workspace workspace, String runId) throws InterruptedException {
        CompletableFuture<Run> done = new CompletableFuture<>();
        try (Subscription ignored = workspace.subscribe(runId, 0, event -> {
            if (event instanceof RunEvent.RunChanged(Run run, Instant time) && run.state().isTerminal()) {
                done.complete(run);
            }
        })) {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
