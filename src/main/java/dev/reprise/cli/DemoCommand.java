package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code reprise demo}: fills the workspace with the bundled examples and runs each once, so that a first
 * look shows real runs (bike_trips fails at parse on purpose). A workspace that already has runs is only
 * listed.
 */
@Command(name = "demo", description = "Apply the bundled examples and run each once (on a workspace without runs).")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "DIR",
            description = "Folder of example flows (default: the examples shipped with Reprise).")
    Path examples;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        Workspace workspace = root.workspace();
        root.out.println("workspace " + workspace.location());
        if (workspace.runs(RunQuery.all().withLimit(1)).runs().isEmpty()) {
            Path folder = examples != null ? examples : Examples.bundledFolder();
            for (Path file : Examples.flowFiles(folder)) {
                ApplyResult applied = workspace.applyFlow(FlowsCommand.read(file), file.toString());
                String flowId = applied.revision().flowId();
                Run started = workspace.start(StartRequest.of(flowId).withParameters(java.util.Map.of()));
                Run ended = Follower.await(workspace, started.id(), root.out, false);
                root.out.println("ran " + flowId + ": " + ended.state()
                        + (ended.error() != null ? " (" + ended.error() + ")" : ""));
                root.out.flush();
            }
        }
        RunsCommand.ListRuns.print(root.out, workspace.runs(RunQuery.all().withLimit(20)));
        return 0;
    }

    /** Where the bundled examples are: next to the launcher in an installed app, or in the source tree. */
    static final class Examples {
        private Examples() {
        }

        static Path bundledFolder() {
            String home = System.getProperty("reprise.home");
            List<Path> candidates = home != null
                    ? List.of(Path.of(home, "examples"), Path.of("assets", "examples"))
                    : List.of(Path.of("assets", "examples"));
            return candidates.stream().filter(Files::isDirectory).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("cannot find the bundled examples (looked in " + candidates
                            + "); pass --examples DIR"));
        }

        /** The first revision of each example: {@code <example>/flow.yaml}, in name order. */
        static List<Path> flowFiles(Path folder) {
            try (Stream<Path> dirs = Files.list(folder)) {
                return dirs.map(d -> d.resolve("flow.yaml")).filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
    }
}
