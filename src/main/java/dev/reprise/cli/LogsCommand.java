package dev.reprise.cli;

import dev.reprise.run.Attempt;
import dev.reprise.run.LogChunk;
import dev.reprise.run.StepRun;
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

    @Parameters(index = "0", paramLabel = "RUN")
    String runId;

    @Parameters(index = "1", paramLabel = "STEP", description = "A step id, e.g. parse or count[3].")
    String stepId;

    @Option(names = "--attempt", paramLabel = "N")
    Integer attempt;

    @Option(names = {"-f", "--follow"}, description = "Keep printing while the attempt runs.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        RepriseCommand root = FlowsCommand.root(spec);
        Workspace workspace = root.workspace();
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
