package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reprise cancel RUN [--step STEP]}. */
@Command(name = "cancel", description = "Cancel a run that is going on, or one of its steps.")
final class CancelCommand implements Callable<Integer> {

    /**
     * What {@code --json} prints: whether a cancel was asked for ({@code false} when the run had ended), of the
     * run or only of {@code step}, and the run's state when it was asked.
     */
    record Cancelled(String runId, String step, boolean requested, RunState state) {
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String runId;

    @Option(names = "--step", paramLabel = "STEP", description = "Cancel only this step (and what depends on it).")
    String stepId;

    @Option(names = "--json", description = "Print what was asked for as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        Run run = root.workspace().run(runId).run();
        boolean going = !run.state().isTerminal();
        if (going && stepId != null) {
            root.workspace().cancelStep(runId, stepId);
        } else if (going) {
            root.workspace().cancel(runId);
        }
        if (json) {
            Format.json(root.out, new Cancelled(runId, stepId, going, run.state()));
        } else if (!going) {
            root.out.println("run " + runId + " has already ended: " + run.state());
        } else {
            root.out.println(stepId != null ? "cancelling step " + stepId + " of run " + runId : "cancelling run " + runId);
        }
        return 0;
    }
}
