package dev.reprise.cli;

import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.RunArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reprise import FILE}: takes an exported run into the local workspace, keeping its id. */
@Command(name = "import", description = {"Import a run exported with 'reprise export' into the local workspace.",
        "The run keeps its id; importing it again does nothing. It can then be inspected and replayed here."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        if (!(root.workspace() instanceof ImportingWorkspace workspace)) {
            throw new IllegalArgumentException("'import' works on a local workspace folder; drop --server");
        }
        try (RunArchive.Opened archive = RunArchive.open(file)) {
            ImportingWorkspace.ImportResult result = workspace.importRun(archive.bundle(), archive);
            root.out.println((result.created() ? "imported run " : "run ") + result.run().id()
                    + (result.created() ? "" : " was imported already")
                    + " (flow " + result.run().flowId() + " revision " + result.run().revision() + ", "
                    + result.storedArtifacts().size() + " artifacts stored) from " + result.run().target());
        }
        return 0;
    }
}
