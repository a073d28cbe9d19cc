package dev.reprise.cli;

import dev.reprise.run.Attempt;
import dev.reprise.run.LogChunk;
import dev.reprise.run.StepRun;
import dev.reprise.workspace.RunReference;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reprise logs RUN STEP}: prints an attempt's log, in chunks, following it while it runs. */
@Command(name = "logs", description = "Print the log of a step's attempt (the last attempt unless --attempt).")
final class LogsCommand implements Callable<Integer> {

    private static final int CHUNK = 64 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = {"The run: its id, its name (the newest run of that"
            + " name) or a flow's id (its newest run); RUN/STEP names the step too."})
    String runRef;

    @Parameters(index = "1", paramLabel = "STEP", arity = "0..1", description = "A step id, e.g. parse or count[3].")
    String stepArg;

    @Option(names = "--attempt", paramLabel = "N")
    Integer attempt;

    @Option(names = {"-f", "--follow"}, description = "Keep printing while the attempt runs.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        Workspace workspace = root.workspace();
        RunReference.StepReference reference = root.resolve(workspace, runRef);
        if ((reference.stepId() == null) == (stepArg == null)) {
            throw new IllegalArgumentException(stepArg == null ? "name the step: reprise logs RUN STEP, or RUN/STEP"
                    : "name the step once: " + runRef + " names one already");
        }
        String runId = reference.run().run().id();
        String stepId = stepArg != null ? stepArg : reference.stepId();
        StepRun step = workspace.run(runId).step(stepId);
        Attempt last = step.lastAttempt();
        if (last == null) {
            throw new IllegalArgumentException("step " + stepId + " of run " + runId + " never ran (" + step.state() + ")");
        }
        int number = attempt != null ? attempt : last.number();
        long offset = 0;
        while (true) {
            LogChunk chunk = workspace.log(runId, stepId, number, offset, CHUNK);
            root.out.print(chunk.text());
            root.out.flush();
            offset = chunk.nextOffset();
            if (chunk.complete() || (!follow && chunk.nextOffset() >= chunk.size())) {
                return 0;
            }
            if (chunk.text().isEmpty()) {
                Thread.sleep(200);
            }
        }
    }
}
