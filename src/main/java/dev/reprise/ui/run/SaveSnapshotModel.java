package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.form.KeyValueText;
import dev.reprise.workspace.SnapshotRequest;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Consumer;

/**
 * "Save as snapshot…" of a run: the snapshot's name and description, each checked as the workspace checks it, and
 * what the snapshot keeps of the run — its flow revision and inputs, its labels (but the one naming a snapshot it
 * was made from) and its env — in words. {@link #save} stores it in the background; a refusal is shown and the
 * values stay. UI thread only.
 */
public final class SaveSnapshotModel {

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Run run;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError");
    private final ReadOnlyStringWrapper descriptionError = new ReadOnlyStringWrapper(this, "descriptionError");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(this, "canSave");

    public SaveSnapshotModel(Workspace workspace, UiExecutor ui, Run run) {
        this.workspace = workspace;
        this.ui = ui;
        this.run = run;
        name.addListener((o, a, b) -> check());
        description.addListener((o, a, b) -> check());
        name.set(run.flowId() + "-" + run.id().substring(Math.max(0, run.id().length() - 6)));
    }

    private void check() {
        nameError.set(Snapshot.nameProblem(trimmedName()).orElse(null));
        int length = trimmedDescription() == null ? 0 : trimmedDescription().length();
        descriptionError.set(length > Snapshot.MAX_DESCRIPTION ? "a description is at most "
                + Snapshot.MAX_DESCRIPTION + " characters; this one is " + length : null);
        error.set(null);
        update();
    }

    private void update() {
        canSave.set(nameError.get() == null && descriptionError.get() == null && !saving.get());
    }

    private String trimmedName() {
        return name.get() == null ? "" : name.get().trim();
    }

    private String trimmedDescription() {
        String text = description.get() == null ? "" : description.get().strip();
        return text.isEmpty() ? null : text;
    }

    /** The request {@link #save} sends: a snapshot of the run, with the description. */
    public SnapshotRequest request() {
        return SnapshotRequest.ofRun(trimmedName(), run.id()).withDescription(trimmedDescription());
    }

    /** Stores the snapshot; {@code onSaved} gets it. */
    public void save(Consumer<Snapshot> onSaved) {
        if (!canSave.get()) {
            return;
        }
        SnapshotRequest request = request();
        saving.set(true);
        update();
        ui.submit(() -> workspace.createSnapshot(request), made -> {
            saving.set(false);
            update();
            onSaved.accept(made);
        }, failure -> {
            saving.set(false);
            error.set("The snapshot was not saved: " + Messages.describe(failure));
            update();
        });
    }

    public Run run() {
        return run;
    }

    /** The labels the snapshot's runs will carry, as {@code key=value, …}; empty for none. */
    public String keptLabels() {
        return KeyValueText.format(Snapshot.labelsKeptOf(run.labels()));
    }

    /** The environment variables the snapshot's runs will get, as {@code NAME=value, …}; empty for none. */
    public String keptEnv() {
        return KeyValueText.format(run.env());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionErrorProperty() {
        return descriptionError.getReadOnlyProperty();
    }

    /** Why the last save was refused; null when it was not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }
}
