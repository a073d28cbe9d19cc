package dev.reprise.cli;

import dev.reprise.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reprise cancel RUN [--step STEP]}. */
@Command(name = "cancel", description = "Cancel a run that is going on, or one of its steps.")
final class CancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN")
    String runId;

    @Option(names = "--step", paramLabel = "STEP", description = "Cancel only this step (and what depends on it).")
    String stepId;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        Run run = root.workspace().run(runId).run();
        if (run.state().isTerminal()) {
            root.out.println("run " + runId + " has already ended: " + run.state());
            return 0;
        }
        if (stepId != null) {
            root.workspace().cancelStep(runId, stepId);
            root.out.println("cancelling step " + stepId + " of run " + runId);
        } else {
            root.workspace().cancel(runId);
            root.out.println("cancelling run " + runId);
        }
        return 0;
    }
}
