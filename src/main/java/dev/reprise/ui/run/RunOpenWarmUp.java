package dev.reprise.ui.run;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.gantt.GanttModel;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Opens the newest run once, in the background, through the code that opening a run in the window runs off
 * the FX thread: the store's read of its step runs, the parse of its flow revision and the Gantt's rows —
 * and throws the result away. A fresh JVM runs new code slowly (class loading, the interpreter, then the JIT),
 * so without this the first run a person opens pays for all of that too: several hundred milliseconds more
 * for a run of thousands of steps. The newest run is also the likeliest to be opened, and its pages are then
 * in the store's cache. Failures are only logged: this is an optimisation, never an error the user sees.
 */
public final class RunOpenWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(RunOpenWarmUp.class);

    /** What a warm-up read: the run, its step runs and the Gantt rows they made. */
    public record Result(String runId, int steps, int rows) {
    }

    private RunOpenWarmUp() {
    }

    /** Warms up on a low-priority daemon thread after {@code delay} (the window's first idle moment). */
    public static Thread start(Workspace workspace, Duration delay) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                long t = System.nanoTime();
                run(workspace).ifPresent(result -> LOG.debug("warmed up on run {} ({} steps) in {} ms", result.runId(),
                        result.steps(), (System.nanoTime() - t) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debug("warm-up skipped: {}", e.toString());
            }
        }, "reprise-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** Reads the newest run as a run view would, on this thread; empty if the workspace has no run. */
    public static Optional<Result> run(Workspace workspace) {
        List<Run> newest = workspace.runs(RunQuery.all().withLimit(1)).runs();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        RunDetail detail = workspace.run(newest.get(0).id());
        Run run = detail.run();
        Flow flow = new FlowParser().read(workspace.revision(run.flowId(), run.revision()).source(),
                run.flowId() + " revision " + run.revision()).flow();
        GanttModel gantt = new GanttModel();
        gantt.update(detail, null);
        gantt.update(detail, flow);
        return Optional.of(new Result(run.id(), detail.steps().size(), gantt.rowCount()));
    }
}
