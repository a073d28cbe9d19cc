package dev.reprise.cli;

import dev.reprise.workspace.RunArchive;
import dev.reprise.workspace.RunBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reprise export RUN --out FILE}: writes a run, its flow revision and its artifacts to one file. */
@Command(name = "export", description = {"Export RUN (its steps, flow revision, artifacts and logs) as one zip file.",
        "Import it into another workspace with 'reprise import'. Works on a server too (--server)."})
final class ExportCommand implements Callable<Integer> {

    /** What {@code --json} prints: the run exported, the file written, its size, and what it holds. */
    record Exported(String runId, String file, long bytes, int steps, int artifacts) {
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String runId;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "The file to write (a zip).")
    Path out;

    @Option(names = "--json", description = "Print what was exported as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RepriseCommand root = FlowsCommand.root(spec);
        RunBundle bundle = RunArchive.export(root.workspace(), runId, out);
        Exported exported = new Exported(runId, out.toAbsolutePath().normalize().toString(), Files.size(out),
                bundle.steps().size(), bundle.artifacts().size());
        if (json) {
            Format.json(root.out, exported);
        } else {
            root.out.println("exported run " + runId + " (" + exported.steps() + " steps, " + exported.artifacts()
                    + " artifacts, " + exported.bytes() + " bytes) to " + out);
        }
        return 0;
    }
}
