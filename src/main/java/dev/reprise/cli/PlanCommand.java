package dev.reprise.cli;

import dev.reprise.run.ReplayPlan;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reprise plan RUN …}: what a replay would do, without doing it. */
@Command(name = "plan", description = {"Show what a replay of RUN would execute and reuse, and why; runs nothing.",
        "Takes the same options as replay. Exit code 2 if the replay would be refused."})
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReplayOptions options;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        Workspace workspace = root.workspace();
        LocalCode.Checked code = LocalCode.checkReference(root, workspace, options);
        RunConfigFile file = options.configFile(root, workspace, code);
        ReplayOptions.Resolved planned = options.resolve(root, workspace);
        ReplayPlan plan = ReplayOptions.plan(workspace, file, code == null ? planned
                : new ReplayOptions.Resolved(planned.runId(), LocalCode.forPlan(root, workspace, code,
                planned.request())));
        return PlanPrinter.report(root, plan, json);
    }
}
