package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.workspace.BundledExamples;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code reprise demo}: fills the workspace with the bundled examples and runs each once, so that a first
 * look shows real runs (bike_trips fails at parse and orders at its clean.py on purpose). A workspace that
 * already has runs is only listed.
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
            BundledExamples bundled = examples != null ? new BundledExamples(examples) : located();
            for (BundledExamples.Seeded seeded : bundled.seed(workspace, progress -> { })) {
                Run ended = seeded.run();
                root.out.println("ran " + seeded.flowId() + ": " + ended.state()
                        + (ended.error() != null ? " (" + ended.error() + ")" : ""));
                root.out.flush();
            }
        }
        RunsCommand.ListRuns.print(root.out, root.screen(), workspace.runs(RunQuery.all().withLimit(20)));
        return 0;
    }

    private static BundledExamples located() {
        try {
            return BundledExamples.located();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; pass --examples DIR", e);
        }
    }
}
