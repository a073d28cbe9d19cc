package dev.reprise.ui.flows;

import dev.reprise.flow.FlowRevision;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.common.Debouncer;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.FlowSummary;
import dev.reprise.workspace.RevisionDiff;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;

/**
 * The flows view: every flow, the selected flow's revisions (oldest first), the revision open in the
 * {@link FlowEditorViewModel editor}, and a diff between any two revisions of the flow (its YAML and the files of
 * a flow folder). Every workspace call and every diff runs in the background. UI thread only.
 */
public final class FlowsViewModel {

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final FlowEditorViewModel editor;

    private final ObservableList<FlowSummary> flows = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedFlow = new SimpleObjectProperty<>(this, "selectedFlow");
    private final ObservableList<FlowRevision> revisions = FXCollections.observableArrayList();
    private final ObjectProperty<FlowRevision> selectedRevision = new SimpleObjectProperty<>(this, "selectedRevision");
    private final ObjectProperty<Integer> diffLeft = new SimpleObjectProperty<>(this, "diffLeft");
    private final ObjectProperty<Integer> diffRight = new SimpleObjectProperty<>(this, "diffRight");
    private final ReadOnlyObjectWrapper<RevisionDiff> diff = new ReadOnlyObjectWrapper<>(this, "diff");

    private long revisionsGeneration;
    /** A draft is in the editor (a new flow, a file opened): the first flow listed must not replace it. */
    private boolean drafting;
    /** An edit to show once the revisions of its flow are loaded (they would load over it otherwise). */
    private PendingEdit pendingEdit;

    private record PendingEdit(FlowRevision revision, String text, String what) {
    }
    private long diffGeneration;

    private final ObservableList<Snapshot> snapshots = FXCollections.observableArrayList();
    private long snapshotsGeneration;

    public FlowsViewModel(Workspace workspace, UiExecutor ui, Messages messages, Debouncer debouncer) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.editor = new FlowEditorViewModel(workspace, ui, messages, debouncer);
        editor.setOnSaved(this::saved);
        selectedFlow.addListener((o, a, flowId) -> {
            drafting = false;
            loadRevisions(flowId, null);
            loadSnapshots();
        });
        selectedRevision.addListener((o, a, revision) -> {
            if (revision != null && !sameRevision(revision, editor.baseProperty().get())) {
                editor.load(revision);
            }
        });
        diffLeft.addListener((o, a, b) -> computeDiff());
        diffRight.addListener((o, a, b) -> computeDiff());
    }

    /** Loads the list of flows again, keeping the selection. */
    public void refresh() {
        ui.submit(workspace::flows, loaded -> {
            flows.setAll(loaded);
            // a view that opens on no flow in particular shows the first rather than an empty editor
            if (selectedFlow.get() == null && !drafting && !loaded.isEmpty()) {
                selectedFlow.set(loaded.get(0).id());
            }
        }, failure -> messages.error("Loading the flows", failure));
    }

    /** Puts {@code text} in the editor as a flow not saved yet (File › New flow, File › Open flow file…). */
    public void draft(String text, String from) {
        selectedFlow.set(null); // no flow's revision must load over the draft; a flow chosen later ends it
        drafting = true;
        selectedRevision.set(null);
        editor.loadDraft(text, from);
    }

    /**
     * Shows flow {@code revision.flowId()} with {@code text}, an edit of its revision {@code revision} (the fix a
     * failed step suggested), in the editor once the flow's revisions are loaded; {@code what} says what changed.
     */
    public void edit(FlowRevision revision, String text, String what) {
        pendingEdit = new PendingEdit(revision, text, what);
        if (Objects.equals(selectedFlow.get(), revision.flowId())) {
            loadRevisions(revision.flowId(), revision.revision());
        } else {
            selectedFlow.set(revision.flowId());
        }
    }

    /** Shows flow {@code flowId} with its latest revision in the editor. */
    public void open(String flowId) {
        if (Objects.equals(selectedFlow.get(), flowId)) {
            loadRevisions(flowId, null);
        } else {
            selectedFlow.set(flowId);
        }
    }

    /** Loads the snapshots of the selected flow again. */
    public void loadSnapshots() {
        String flowId = selectedFlow.get();
        long mine = ++snapshotsGeneration;
        if (flowId == null) {
            snapshots.clear();
            return;
        }
        ui.submit(() -> workspace.snapshots(flowId), loaded -> {
            if (mine == snapshotsGeneration) {
                snapshots.setAll(loaded);
            }
        }, failure -> messages.error("Loading the snapshots of " + flowId, failure));
    }

    /** Deletes a snapshot, then shows the list without it. */
    public void deleteSnapshot(String name) {
        ui.submit(() -> {
            workspace.deleteSnapshot(name);
            return name;
        }, deleted -> {
            messages.info("Deleted snapshot " + deleted + ".");
            loadSnapshots();
        }, failure -> messages.error("Deleting snapshot " + name, failure));
    }

    /** The snapshots of the selected flow, by name. */
    public ObservableList<Snapshot> snapshots() {
        return snapshots;
    }

    private void loadRevisions(String flowId, Integer select) {
        long mine = ++revisionsGeneration;
        if (flowId == null) {
            revisions.clear();
            selectedRevision.set(null);
            return;
        }
        ui.submit(() -> workspace.revisions(flowId), loaded -> {
            if (mine != revisionsGeneration) {
                return;
            }
            revisions.setAll(loaded);
            if (loaded.isEmpty()) {
                selectedRevision.set(null);
                return;
            }
            FlowRevision latest = loaded.get(loaded.size() - 1);
            FlowRevision chosen = select == null ? latest
                    : loaded.stream().filter(r -> r.revision() == select).findFirst().orElse(latest);
            selectedRevision.set(chosen);
            if (pendingEdit != null && pendingEdit.revision().flowId().equals(flowId)) {
                editor.loadEdit(chosen.revision() == pendingEdit.revision().revision() ? chosen : pendingEdit.revision(),
                        pendingEdit.text(), pendingEdit.what());
                pendingEdit = null;
            }
            diffRight.set(latest.revision());
            diffLeft.set(Math.max(1, latest.revision() - 1));
            computeDiff();
        }, failure -> messages.error("Loading the revisions of " + flowId, failure));
    }

    private void saved(ApplyResult result) {
        FlowRevision revision = result.revision();
        refresh();
        if (result.created() || !Objects.equals(selectedFlow.get(), revision.flowId())) {
            if (Objects.equals(selectedFlow.get(), revision.flowId())) {
                loadRevisions(revision.flowId(), revision.revision());
            } else {
                selectedFlow.set(revision.flowId());
            }
        }
    }

    private void computeDiff() {
        Integer left = diffLeft.get();
        Integer right = diffRight.get();
        long mine = ++diffGeneration;
        FlowRevision l = find(left);
        FlowRevision r = find(right);
        if (l == null || r == null) {
            diff.set(null);
            return;
        }
        ui.submit(() -> RevisionDiff.between(workspace, l, r), computed -> {
            if (mine == diffGeneration) {
                diff.set(computed);
            }
        }, failure -> messages.error("Comparing revisions", failure));
    }

    private FlowRevision find(Integer number) {
        if (number == null) {
            return null;
        }
        return revisions.stream().filter(r -> r.revision() == number).findFirst().orElse(null);
    }

    private static boolean sameRevision(FlowRevision a, FlowRevision b) {
        return b != null && a.flowId().equals(b.flowId()) && a.revision() == b.revision();
    }

    public FlowEditorViewModel editor() {
        return editor;
    }

    public ObservableList<FlowSummary> flows() {
        return flows;
    }

    public ObjectProperty<String> selectedFlowProperty() {
        return selectedFlow;
    }

    /** The selected flow's revisions, oldest first. */
    public ObservableList<FlowRevision> revisions() {
        return revisions;
    }

    public ObjectProperty<FlowRevision> selectedRevisionProperty() {
        return selectedRevision;
    }

    /** The revision numbers on the left (older) and right (newer) of the diff. */
    public ObjectProperty<Integer> diffLeftProperty() {
        return diffLeft;
    }

    public ObjectProperty<Integer> diffRightProperty() {
        return diffRight;
    }

    /** The diff of the two revisions: the YAML and each file of a flow folder that changed. */
    public ReadOnlyObjectProperty<RevisionDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** The latest revision number of the selected flow, or 0 before its revisions have loaded. */
    public int latestRevision() {
        List<FlowRevision> all = revisions;
        return all.isEmpty() ? 0 : all.get(all.size() - 1).revision();
    }

    public Workspace workspace() {
        return workspace;
    }

    public UiExecutor ui() {
        return ui;
    }

    public Messages messages() {
        return messages;
    }
}
