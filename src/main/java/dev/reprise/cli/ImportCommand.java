package dev.reprise.cli;

import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.WorkspaceBusyException;
import dev.reprise.workspace.RunArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reprise import FILE}: takes an exported run into the local workspace, keeping its id. */
@Command(name = "import", description = {"Import a run exported with 'reprise export' into the local workspace.",
        "The run keeps its id; importing it again does nothing. It can then be inspected and replayed here."})
final class ImportCommand implements Callable<Integer> {

    /**
     * What {@code --json} prints: the run, whether this import took it in ({@code false}: it was imported
     * already), its flow revision, the artifacts stored, and where it came from.
     */
    record Imported(String runId, boolean created, String flowId, int revision, int storedArtifacts, String from) {
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--json", description = "Print what was imported as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        if (!(root.workspace() instanceof ImportingWorkspace workspace)) {
            if (root.isRemote()) {
                throw new IllegalArgumentException("'import' works on a local workspace folder; drop --server");
            }
            throw new WorkspaceBusyException("'import' needs to hold the workspace, and another Reprise process (the "
                    + "app, a server or a command) holds it now: try again once it has ended");
        }
        try (RunArchive.Opened archive = RunArchive.open(file)) {
            ImportingWorkspace.ImportResult result = workspace.importRun(archive.bundle(), archive);
            if (json) {
                Format.json(root.out, new Imported(result.run().id(), result.created(), result.run().flowId(),
                        result.run().revision(), result.storedArtifacts().size(), result.run().target()));
                return 0;
            }
            root.out.println((result.created() ? "imported run " : "run ") + result.run().id()
                    + (result.created() ? "" : " was imported already")
                    + " (flow " + result.run().flowId() + " revision " + result.run().revision() + ", "
                    + result.storedArtifacts().size() + " artifacts stored) from " + result.run().target());
        }
        return 0;
    }
}
