package dev.reprise.ui.flows;

import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.ui.common.Debouncer;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The flow editor's state: the YAML text, the revision it started from, the problems of the text as it
 * is now (validated by the workspace in the background, once typing pauses, results of older text
 * dropped), those problems by line for the gutter, and saving as a new revision. UI thread only.
 */
public final class FlowEditorViewModel {

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Debouncer debouncer;

    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ReadOnlyObjectWrapper<FlowRevision> base = new ReadOnlyObjectWrapper<>(this, "base");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyObjectWrapper<Map<Integer, List<Problem>>> problemsByLine =
            new ReadOnlyObjectWrapper<>(this, "problemsByLine", Map.of());
    private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(this, "validating");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    private Consumer<ApplyResult> onSaved = result -> { };
    private long generation;

    public FlowEditorViewModel(Workspace workspace, UiExecutor ui, Messages messages, Debouncer debouncer) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.debouncer = debouncer;
        source.addListener((o, a, text) -> {
            FlowRevision from = base.get();
            dirty.set(from == null || !from.source().equals(text));
            generation++;
            debouncer.schedule(this::validateNow);
        });
    }

    /** Puts revision {@code revision} in the editor, replacing what was there. */
    public void load(FlowRevision revision) {
        base.set(revision);
        source.set(revision.source());
        dirty.set(false);
        status.set("Revision " + revision.revision());
    }

    /**
     * Puts {@code text}, an edit of revision {@code revision} not saved yet (a suggested fix made), in the editor:
     * saving it stores the flow's next revision. {@code what} says what was changed.
     */
    public void loadEdit(FlowRevision revision, String text, String what) {
        base.set(revision);
        source.set(text);
        dirty.set(!revision.source().equals(text));
        status.set(what + ": not saved yet");
    }

    /**
     * Puts {@code text}, not stored yet, in the editor (a new flow, a flow file opened): it is validated as it is
     * and saving it stores the flow's first revision, or its next if the flow exists. {@code from} says where it
     * came from.
     */
    public void loadDraft(String text, String from) {
        base.set(null);
        source.set(text);
        dirty.set(true);
        status.set(from + ": not saved yet");
    }

    /** Puts the revision the text started from back in the editor. */
    public void revert() {
        if (base.get() != null) {
            load(base.get());
        }
    }

    /** Validates the text as it is now; problems arrive later, unless the text changes meanwhile. */
    public void validateNow() {
        String text = source.get();
        long mine = ++generation;
        validating.set(true);
        ui.submit(() -> workspace.validateFlow(text, fileName()), found -> {
            if (mine == generation) {
                validating.set(false);
                setProblems(found);
            }
        }, failure -> {
            if (mine == generation) {
                validating.set(false);
                messages.error("Validating the flow", failure);
            }
        });
    }

    /** Stores the text as a new revision, or says that it is the same as the latest one. */
    public void save() {
        String text = source.get();
        saving.set(true);
        ui.submit(() -> workspace.applyFlow(text, fileName()), result -> {
            saving.set(false);
            FlowRevision revision = result.revision();
            status.set(result.created()
                    ? "Saved as revision " + revision.revision() + " of " + revision.flowId()
                    : "Unchanged: the same as revision " + revision.revision() + " of " + revision.flowId());
            base.set(revision);
            dirty.set(!revision.source().equals(source.get()));
            onSaved.accept(result);
        }, failure -> {
            saving.set(false);
            if (failure instanceof InvalidInputException invalid && !invalid.problems().isEmpty()) {
                generation++;
                setProblems(invalid.problems());
                status.set("Not saved: " + Formats.count(invalid.problems().size(), "problem") + " to fix");
            } else {
                status.set("Not saved");
                messages.error("Saving the flow", failure);
            }
        });
    }

    private void setProblems(List<Problem> found) {
        problems.setAll(found);
        problemsByLine.set(ProblemLines.of(found));
    }

    private String fileName() {
        return base.get() != null ? base.get().flowId() + ".yaml" : "flow.yaml";
    }

    /** Called with what {@link #save()} did, after it succeeded (the flows view reloads its revisions). */
    public void setOnSaved(Consumer<ApplyResult> onSaved) {
        this.onSaved = onSaved;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public ReadOnlyObjectProperty<FlowRevision> baseProperty() {
        return base.getReadOnlyProperty();
    }

    /** The problems of the text, in file order. */
    public ObservableList<Problem> problems() {
        return readOnlyProblems;
    }

    /** The problems that have a place, by 1-based line. */
    public ReadOnlyObjectProperty<Map<Integer, List<Problem>>> problemsByLineProperty() {
        return problemsByLine.getReadOnlyProperty();
    }

    public List<Problem> problemsAt(int line) {
        return problemsByLine.get().getOrDefault(line, List.of());
    }

    public ReadOnlyBooleanProperty validatingProperty() {
        return validating.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** True while the text differs from the revision it started from. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** What the last load or save did, in words. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The editor could not colour the YAML: said in the banner, the text stays editable. */
    public void highlightingFailed(Throwable failure) {
        messages.error("Highlighting the flow's YAML", failure);
    }
}
