package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.ui.common.ConfirmDialog;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.stage.Window;

import java.util.function.Supplier;

/**
 * Cancelling a run or one step instance from the window — the run header, the step details, the Gantt's and
 * the DAG's context menus, Run › Cancel — after asking: the request goes to the workspace off the UI thread,
 * and the run's events then show the steps and the run CANCELLED. Only what has not ended is offered. FX
 * thread only.
 */
public final class Cancellation {

    /** Asks a yes-or-no question whose yes is {@code yes} ("Cancel run"); true to go on. */
    @FunctionalInterface
    public interface Confirm {
        boolean ask(String question, String detail, String yes);
    }

    /** What the confirmation's other button says: not to cancel. */
    public static final String KEEP_RUNNING = "Keep running";

    /**
     * The window's confirmation, owned by {@code owner}'s window: "Keep running" is its default button, so
     * Enter does not cancel.
     */
    public static Confirm inDialog(Supplier<Window> owner) {
        return (question, detail, yes) -> ConfirmDialog.ask(owner.get(), yes, question, detail, yes, KEEP_RUNNING);
    }

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Confirm confirm;

    public Cancellation(Workspace workspace, UiExecutor ui, Messages messages, Confirm confirm) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.confirm = confirm;
    }

    /** Whether {@code run} can be cancelled: it has not ended. */
    public static boolean offered(Run run) {
        return run != null && !run.state().isTerminal();
    }

    /** Whether {@code step} can be cancelled (and must not be replayed): it is pending, running or retrying. */
    public static boolean offered(StepRun step) {
        return step != null && !step.state().isTerminal();
    }

    /** Cancels {@code run} after asking; nothing if it has ended. */
    public void cancelRun(Run run) {
        if (!offered(run)) {
            return;
        }
        if (!confirm.ask("Cancel run " + run.id() + "?", "Its running steps are stopped (their processes killed) "
                + "and the steps not started yet will not run; the run ends CANCELLED. It can be replayed later.",
                "Cancel run")) {
            return;
        }
        String runId = run.id();
        ui.submit(() -> {
            workspace.cancel(runId);
            return null;
        }, done -> messages.info("Cancelling run " + runId + "."),
                failure -> messages.error("Cancelling run " + runId, failure));
    }

    /** Cancels step instance {@code step} of run {@code runId} after asking; nothing if it has ended. */
    public void cancelStep(String runId, StepRun step) {
        if (!offered(step)) {
            return;
        }
        String stepId = step.stepId();
        if (!confirm.ask("Cancel step " + stepId + "?", "The step is stopped (its process killed) and ends "
                + "CANCELLED; the steps that need it will not run. The rest of run " + runId + " goes on.",
                "Cancel step")) {
            return;
        }
        ui.submit(() -> {
            workspace.cancelStep(runId, stepId);
            return null;
        }, done -> messages.info("Cancelling step " + stepId + " of run " + runId + "."),
                failure -> messages.error("Cancelling step " + stepId + " of run " + runId, failure));
    }
}
