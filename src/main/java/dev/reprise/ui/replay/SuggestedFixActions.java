package dev.reprise.ui.replay;

import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.FlowSourceEdit;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.RevisionChoice;
import dev.reprise.run.SuggestedFix;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.Workspace;

import java.util.List;

/**
 * What the window does with a failed step's suggested fix. <em>Apply fix</em> makes the change in the flow's
 * latest revision and shows it in the flow editor, not saved yet; <em>Apply and replay</em> saves it as the
 * flow's next revision and opens the replay form from that step on the latest revision. The change is made in
 * the latest revision rather than the failed run's, so that a revision saved since is not undone; if the value
 * there is no longer the one that failed, or comes from a flow input or a template, nothing is changed and the
 * reason is said. Store work runs on the UI executor. FX thread only.
 */
public final class SuggestedFixActions {

    /** Shows an edit of a flow revision, not saved yet, in the flow editor. */
    @FunctionalInterface
    public interface FlowEditor {
        void edit(FlowRevision revision, String text, String what);
    }

    /** The latest revision of a flow, and the fix made in it (or why not). */
    private record Prepared(FlowRevision latest, FlowSourceEdit.Result edit) {
    }

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final ReplayActions replay;
    private final FlowEditor editor;

    public SuggestedFixActions(Workspace workspace, UiExecutor ui, Messages messages, ReplayActions replay,
                               FlowEditor editor) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.replay = replay;
        this.editor = editor;
    }

    /** Opens the flow editor on flow {@code flowId} with {@code fix} made, for a person to look at and save. */
    public void apply(String flowId, SuggestedFix fix) {
        ui.submit(() -> prepare(flowId, fix), prepared -> {
            switch (prepared.edit()) {
                case FlowSourceEdit.Edited edited -> editor.edit(prepared.latest(), edited.source(),
                        "Suggested fix applied to revision " + prepared.latest().revision() + " (" + fix.change() + ")");
                case FlowSourceEdit.NotEditable refused -> cannot(fix, refused);
            }
        }, failure -> messages.error("Applying the suggested fix", failure));
    }

    /**
     * Saves {@code fix} as the next revision of flow {@code flowId} and opens the replay form of run {@code runId}
     * from step instance {@code stepId} on the latest revision.
     */
    public void applyAndReplay(String runId, String stepId, String flowId, SuggestedFix fix) {
        ui.submit(() -> {
            Prepared prepared = prepare(flowId, fix);
            return prepared.edit() instanceof FlowSourceEdit.Edited edited
                    ? workspace.applyFlow(edited.source(), flowId + ".yaml") : prepared.edit();
        }, done -> {
            if (done instanceof ApplyResult saved) {
                messages.info("Saved the suggested fix as revision " + saved.revision().revision() + " of "
                        + flowId + "; replay from " + stepId + " on it.");
                replay.open(runId, stepId, ReplayScope.Kind.FROM, new RevisionChoice.Latest());
            } else if (done instanceof FlowSourceEdit.NotEditable refused) {
                cannot(fix, refused);
            }
        }, failure -> messages.error("Saving the suggested fix", failure));
    }

    private Prepared prepare(String flowId, SuggestedFix fix) {
        List<FlowRevision> revisions = workspace.revisions(flowId);
        FlowRevision latest = revisions.get(revisions.size() - 1);
        return new Prepared(latest, fix.applyTo(latest.source(), flowId + " revision " + latest.revision()));
    }

    private void cannot(SuggestedFix fix, FlowSourceEdit.NotEditable refused) {
        messages.error("The suggested fix (" + fix.change() + ") cannot be applied automatically: " + refused.reason());
    }
}
