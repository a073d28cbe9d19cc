package dev.reprise.ui.flows;

import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.common.Debouncer;
import dev.reprise.ui.common.FxFileChoices;
import dev.reprise.ui.common.FxScheduler;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.Workspace;
import javafx.stage.Window;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the {@link StartRunDialog} of a flow revision or of a snapshot, after reading what it needs (the step
 * types; a snapshot's revision) in the background; the flows view and the Run menu share it. FX thread only.
 */
public final class RunDialogs {

    /** How long the configuration editor waits after the last key before checking the text. */
    static final Duration QUIET = Duration.ofMillis(300);

    private final Window owner;
    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;

    public RunDialogs(Window owner, Workspace workspace, UiExecutor ui, Messages messages) {
        this.owner = owner;
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
    }

    /** Opens the Run… dialog of {@code revision}; {@code note}, when not null, is added to its header. */
    public void runFlow(FlowRevision revision, String note, Consumer<String> openRun) {
        ui.submit(workspace::stepTypes, types -> {
            StartFormModel form;
            try {
                form = new StartFormModel(revision, RunConfig.empty(), null, types);
            } catch (IllegalArgumentException e) {
                messages.error("Preparing the run of " + revision.flowId(), e);
                return;
            }
            StartRunDialog dialog = show(form, StartRunModel.flow(workspace, form), openRun);
            if (note != null) {
                dialog.setHeaderText(dialog.getHeaderText() + " " + note);
            }
        }, failure -> messages.error("Preparing the run of " + revision.flowId(), failure));
    }

    /** Opens the Run… dialog of {@code snapshot}: its values in the form and the text, edits given over them. */
    public void runSnapshot(Snapshot snapshot, Consumer<String> openRun) {
        record Read(FlowRevision revision, List<StepTypeInfo> types) {
        }
        ui.submit(() -> new Read(workspace.revision(snapshot.flowId(), snapshot.revision()), workspace.stepTypes()),
                read -> {
                    StartFormModel form;
                    try {
                        form = new StartFormModel(read.revision(), RunConfig.of(snapshot).withDescription(null),
                                "snapshot " + snapshot.name(), read.types());
                    } catch (IllegalArgumentException e) {
                        messages.error("Preparing the run of snapshot " + snapshot.name(), e);
                        return;
                    }
                    show(form, StartRunModel.snapshot(workspace, snapshot), openRun);
                }, failure -> messages.error("Preparing the run of snapshot " + snapshot.name(), failure));
    }

    private StartRunDialog show(StartFormModel form, StartRunModel.Target target, Consumer<String> openRun) {
        StartRunDialog[] dialog = new StartRunDialog[1];
        StartRunModel model = new StartRunModel(form, target, ui, Debouncer.on(new FxScheduler(), QUIET),
                new FxFileChoices(() -> dialog[0].getDialogPane().getScene().getWindow()));
        dialog[0] = new StartRunDialog(owner, model, ui, messages, openRun);
        dialog[0].show();
        return dialog[0];
    }
}
