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
import java.util.stream.Stream;

/**
 * The example flows shipped with Reprise, and how to fill a workspace with them: apply each
 * {@code <example>/flow.yaml}, run each once and wait for the runs to end (bike_trips fails at parse on
 * purpose, so a first look shows a failure to replay). The CLI's {@code demo} and the desktop app's first
 * start share it. Immutable; {@link #seed} blocks its caller until the runs have ended.
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
        List<String> flowIds = new ArrayList<>();
        List<Run> started = new ArrayList<>();
        for (Path file : files) {
            progress.accept(new Progress(0, total, "Adding " + folder.relativize(file)));
            String source;
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            String flowId = workspace.applyFlow(source, file.toString()).revision().flowId();
            flowIds.add(flowId);
            started.add(workspace.start(StartRequest.of(flowId)));
        }
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
