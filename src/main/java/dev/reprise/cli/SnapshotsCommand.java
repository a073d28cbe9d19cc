package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import dev.reprise.workspace.SnapshotRequest;
import dev.reprise.workspace.SnapshotRun;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "snapshots", description = {"Named run configurations: create, list, show, run, delete.",
        "A snapshot fixes a flow revision, flow inputs and step inputs; each run of it may override them."},
        subcommands = {SnapshotsCommand.Create.class, SnapshotsCommand.ListSnapshots.class, SnapshotsCommand.Show.class,
                SnapshotsCommand.RunSnapshot.class, SnapshotsCommand.Delete.class})
final class SnapshotsCommand {

    @Command(name = "create", description = {"Create snapshot NAME of a flow (its latest revision unless --revision) "
            + "or, with --from-run, of a run's revision and inputs."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--flow", paramLabel = "FLOW", description = "The flow.")
        String flow;

        @Option(names = "--revision", paramLabel = "N", description = "A revision of the flow (default: latest).")
        Integer revision;

        @Option(names = "--from-run", paramLabel = "RUN", description = "Take the flow revision and inputs of this run.")
        String fromRun;

        @Option(names = "--description", description = "What it is for.")
        String description;

        @Mixin
        InputOptions values;

        @Option(names = "--json", description = "Print the snapshot as JSON.")
        boolean json;

        @Override
        public Integer call() {
            RepriseCommand root = FlowsCommand.root(spec);
            Snapshot made = root.workspace().createSnapshot(new SnapshotRequest(name, flow, revision, fromRun,
                    values.parameters(), values.stepInputs(), description));
            if (json) {
                Format.json(root.out, made);
            } else {
                root.out.println("snapshot " + made.name() + " of " + made.flowId() + " revision " + made.revision()
                        + (made.sourceRunId() != null ? " (from run " + made.sourceRunId() + ")" : ""));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the snapshots.")
    static final class ListSnapshots implements Callable<Integer> {
        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            List<Snapshot> all = output.root().workspace().snapshots();
            return output.table(all, List.of("NAME", "FLOW", "REV", "CREATED", "DESCRIPTION"), Set.of("DESCRIPTION"),
                    s -> List.of(s.name(), s.flowId(), String.valueOf(s.revision()), Format.time(s.createdAt()),
                            s.description() == null ? "" : s.description()));
        }
    }

    @Command(name = "show", description = "Show a snapshot's revision and inputs.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            return output.print(output.root().workspace().snapshot(name), Show::print);
        }

        private static void print(PrintWriter out, Snapshot s) {
            out.println(s.name() + "  " + s.flowId() + " revision " + s.revision() + "  created "
                    + Format.time(s.createdAt()) + (s.sourceRunId() != null ? "  from run " + s.sourceRunId() : ""));
            if (s.description() != null) {
                out.println(s.description());
            }
            s.parameters().forEach((k, v) -> out.println("  input " + k + " = " + Format.value(v)));
            s.stepInputs().forEach((step, inputs) -> inputs.forEach((k, v) ->
                    out.println("  " + step + "." + k + " = " + Format.value(v))));
        }
    }

    @Command(name = "run", description = {"Run a snapshot, with inputs over its own.",
            "Exit code 0 if the run succeeded, 1 if it did not, 2 for bad input."})
    static final class RunSnapshot implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        InputOptions values;

        @Option(names = "--name", description = "A name for the run (default: snapshot NAME).")
        String runName;

        @Mixin
        RunStartOptions options;

        @Override
        public Integer call() throws InterruptedException {
            RepriseCommand root = FlowsCommand.root(spec);
            Workspace workspace = root.workspace();
            Run started = workspace.runSnapshot(name, new SnapshotRun(values.parameters(), values.stepInputs(), runName,
                    options.labels(), options.env()));
            root.err.println("run " + started.id() + " of snapshot " + name + " (" + started.flowId() + " revision "
                    + started.revision() + ") started");
            root.err.flush();
            return options.awaitAndReport(root, workspace, started);
        }
    }

    @Command(name = "delete", description = "Delete a snapshot; the runs made from it stay.")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            RepriseCommand root = FlowsCommand.root(spec);
            root.workspace().deleteSnapshot(name);
            root.out.println("deleted snapshot " + name);
            return 0;
        }
    }
}
