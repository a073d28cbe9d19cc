package dev.reprise.cli;

import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.run.RequestValues;
import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import dev.reprise.workspace.ConfiguredCalls;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "snapshots", description = {"Named run configurations: create, list, show, run, delete.",
        "A snapshot fixes a flow revision, flow inputs and step inputs, and the labels and environment of its runs; "
                + "each run of it may override them."},
        subcommands = {SnapshotsCommand.Create.class, SnapshotsCommand.ListSnapshots.class, SnapshotsCommand.Show.class,
                SnapshotsCommand.RunSnapshot.class, SnapshotsCommand.Delete.class})
final class SnapshotsCommand {

    @Command(name = "create", description = {"Create snapshot NAME of a flow (its latest revision unless --revision), "
            + "of a flow file or folder (applied first, as 'run' does), of a run's revision and inputs (--from-run), "
            + "or of a run configuration file (--from-file, which may name the flow and revision).",
            "Options given beside --from-file override its values. A refused snapshot writes nothing: no snapshot, "
                    + "no revision."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--flow", paramLabel = "FLOW", description = "The flow: an applied flow's id, or a flow file "
                + "or folder (applied first, as a new revision if it changed).")
        String flow;

        @Option(names = "--revision", paramLabel = "N", description = "A revision of the flow (default: latest).")
        Integer revision;

        @Option(names = "--from-run", paramLabel = "RUN", description = "Take the flow revision, inputs, labels and "
                + "environment of this run.")
        String fromRun;

        @Option(names = "--from-file", paramLabel = "FILE", description = "A run configuration file (YAML: flow, "
                + "revision, name, description, inputs, steps, labels, env), as 'snapshots show NAME --yaml' prints.")
        Path fromFile;

        @Option(names = "--description", description = "What it is for.")
        String description;

        @Mixin
        InputOptions values;

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label of its runs (repeatable).")
        List<String> labels;

        @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable of its runs "
                + "(repeatable).")
        List<String> env;

        @Option(names = "--json", description = "Print the snapshot as JSON.")
        boolean json;

        @Override
        public Integer call() {
            RepriseCommand root = FlowsCommand.root(spec);
            Workspace workspace = root.workspace();
            boolean local = flow != null && LocalCode.isLocal(flow);
            RunConfig given = RunConfig.of(null, new RequestValues(values.parameters(), values.stepInputs(), null),
                    KeyValues.parse(labels, "--label"), KeyValues.parse(env, "--env"))
                    .withDescription(description).withFlow(local ? null : flow, revision);
            RunConfigFile config = fromFile == null ? RunConfigFile.of(given)
                    : ConfigOption.readFile(root, fromFile).overriddenBy(given);
            Snapshot made = local ? ofFlowFile(root, workspace, config)
                    : ConfiguredCalls.createSnapshot(workspace, config, name, fromRun);
            if (json) {
                Format.json(root.out, made);
            } else {
                root.out.println("snapshot " + made.name() + " of " + made.flowId() + " revision " + made.revision()
                        + (made.sourceRunId() != null ? " (from run " + made.sourceRunId() + ")" : ""));
            }
            return 0;
        }

        /**
         * A snapshot of the flow file or folder {@link #flow}: the name, the file and the values are checked first,
         * then the file is applied (a new revision only if it changed) and the snapshot made of that revision.
         */
        private Snapshot ofFlowFile(RepriseCommand root, Workspace workspace, RunConfigFile config) {
            if (revision != null) {
                throw new IllegalArgumentException("--revision applies to an applied flow id, not to a file: a "
                        + "snapshot of " + flow + " is of the revision it is applied as");
            }
            if (fromRun != null) {
                throw new IllegalArgumentException("--from-run takes the run's flow revision: give --flow or "
                        + "--from-run, not both");
            }
            LocalCode.Checked code = LocalCode.check(root, workspace, Path.of(flow), Map.of());
            List<Problem> problems = new ArrayList<>();
            Snapshot.nameProblem(name).ifPresentOrElse(problem -> problems.add(Problem.of("name: " + problem)), () -> {
                if (exists(workspace, name)) {
                    problems.add(Problem.of("name: there is a snapshot '" + name + "' already; a snapshot does not "
                            + "change, so choose another name (or delete that one first)"));
                }
            });
            if (config.config().revision() != null) {
                problems.add(config.problemAt("revision", "the flow is the file " + flow + ": a snapshot of it is of "
                        + "the revision it is applied as; drop revision"));
            }
            problems.addAll(ConfiguredCalls.problems(config, code.flow(), StepTypeCatalog.of(workspace.stepTypes())));
            problems.addAll(RunCommand.missingFiles(code.flow(), config.config().inputs()));
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            int applied = LocalCode.apply(root, workspace, code);
            return ConfiguredCalls.createSnapshot(workspace,
                    config.overriddenBy(RunConfig.empty().withFlow(code.flow().id(), applied)), name, null);
        }

        private static boolean exists(Workspace workspace, String name) {
            try {
                workspace.snapshot(name);
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        }
    }

    @Command(name = "list", description = "List the snapshots, or those of a flow.")
    static final class ListSnapshots implements Callable<Integer> {
        @Mixin
        JsonOutput output;

        @Option(names = "--flow", paramLabel = "FLOW", description = "Only the snapshots of this flow.")
        String flow;

        @Override
        public Integer call() {
            List<Snapshot> all = output.root().workspace().snapshots(flow);
            return output.table(all, List.of("NAME", "FLOW", "REV", "CREATED", "DESCRIPTION"), Set.of("DESCRIPTION"),
                    s -> List.of(s.name(), s.flowId(), String.valueOf(s.revision()), Format.time(s.createdAt()),
                            s.description() == null ? "" : s.description()));
        }
    }

    @Command(name = "show", description = {"Show a snapshot's revision and inputs.",
            "With --yaml, print it as a run configuration file, which 'snapshots create NAME --from-file' and "
                    + "'run --config' take."})
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        JsonOutput output;

        @Option(names = "--yaml", description = "Print it as a run configuration file (YAML).")
        boolean yaml;

        @Override
        public Integer call() {
            if (yaml && output.json) {
                throw new IllegalArgumentException("print it as --json or as --yaml, not both");
            }
            Snapshot snapshot = output.root().workspace().snapshot(name);
            if (yaml) {
                output.root().out.print(RunConfigFile.write(RunConfig.of(snapshot), List.of("snapshot " + snapshot.name()
                        + ", created " + Format.time(snapshot.createdAt()) + (snapshot.sourceRunId() != null
                        ? " from run " + snapshot.sourceRunId() : ""), "reprise snapshots create NAME --from-file "
                        + "FILE makes another of it; reprise run --config FILE runs it as it is")));
                return 0;
            }
            return output.print(snapshot, Show::print);
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
            if (s.runName() != null) {
                out.println("  runs named " + s.runName());
            }
            s.labels().forEach((k, v) -> out.println("  label " + k + "=" + v));
            s.env().forEach((k, v) -> out.println("  env " + k + "=" + v));
        }
    }

    @Command(name = "run", description = {"Run a snapshot (NAME, or the latest of a flow with --flow), with inputs "
            + "over its own.",
            "Options given beside --config override its values.",
            "Exit code 0 if the run succeeded, 1 if it did not, 2 for bad input."})
    static final class RunSnapshot implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..1")
        String name;

        @Option(names = "--flow", paramLabel = "FLOW", description = "Run the latest snapshot of this flow, instead "
                + "of NAME.")
        String flow;

        @Mixin
        InputOptions values;

        @Option(names = "--name", description = "A name for the run (default: the snapshot's, or snapshot NAME).")
        String runName;

        @Mixin
        ConfigOption config;

        @Mixin
        RunStartOptions options;

        @Override
        public Integer call() throws InterruptedException {
            if ((name == null) == (flow == null)) {
                throw new IllegalArgumentException(name == null ? "name the snapshot: NAME, or --flow FLOW for the "
                        + "flow's latest snapshot" : "give NAME or --flow, not both");
            }
            RepriseCommand root = FlowsCommand.root(spec);
            Workspace workspace = root.workspace();
            RunConfigFile file = config.read(root, RunConfig.of(runName,
                    new RequestValues(values.parameters(), values.stepInputs(), null), options.labels(),
                    options.env()));
            Run started = name != null ? ConfiguredCalls.runSnapshot(workspace, file, name)
                    : ConfiguredCalls.runLatestSnapshot(workspace, file, flow);
            root.err.println("run " + started.id() + " of snapshot " + started.labels().get("snapshot") + " ("
                    + started.flowId() + " revision " + started.revision() + ") started");
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
