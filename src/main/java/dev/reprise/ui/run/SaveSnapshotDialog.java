package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.common.ErrorLabel;
import dev.reprise.ui.common.Messages;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * Asks for a snapshot's name and description, shows the labels and env it keeps of the run, then stores it.
 * Binds to {@link SaveSnapshotModel}. FX thread only.
 */
public final class SaveSnapshotDialog extends Dialog<Snapshot> {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    public SaveSnapshotDialog(Window owner, SaveSnapshotModel model, Messages messages) {
        Run run = model.run();
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Save as snapshot");
        setHeaderText("A snapshot of run " + run.id() + ": " + run.flowId() + " revision " + run.revision()
                + " with its inputs, labels and env");
        getDialogPane().setId("save-snapshot-dialog");
        getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);

        TextField name = new TextField();
        name.setId("snapshot-name");
        name.textProperty().bindBidirectional(model.nameProperty());
        TextArea description = new TextArea();
        description.setId("snapshot-description");
        description.setPromptText("what it is for (optional)");
        description.setPrefRowCount(3);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(model.descriptionProperty());
        Label labels = kept(model.keptLabels(), "snapshot-labels", "none");
        Label env = kept(model.keptEnv(), "snapshot-env", "none");
        Label note = new Label("Its runs carry these labels and env (and snapshot=NAME); a run of it may add to them.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        Label refused = ErrorLabel.of(model.errorProperty(), "snapshot-error");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.getColumnConstraints().setAll(new ColumnConstraints(), new ColumnConstraints());
        grid.getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);
        grid.addRow(0, new Label("Name"), name);
        grid.add(ErrorLabel.of(model.nameErrorProperty(), "snapshot-name-error"), 1, 1);
        grid.addRow(2, new Label("Description"), description);
        grid.add(ErrorLabel.of(model.descriptionErrorProperty(), "snapshot-description-error"), 1, 3);
        grid.addRow(4, new Label("Labels"), labels);
        grid.addRow(5, new Label("Env"), env);
        grid.add(note, 1, 6);
        grid.add(refused, 0, 7, 2, 1);
        grid.setPadding(new Insets(10, 4, 4, 4));
        grid.setPrefWidth(560);
        getDialogPane().setContent(grid);

        Button save = (Button) getDialogPane().lookupButton(SAVE);
        save.setId("snapshot-save");
        save.disableProperty().bind(model.canSaveProperty().not());
        save.addEventFilter(ActionEvent.ACTION, e -> {
            // the dialog closes only once the workspace stored the snapshot
            e.consume();
            model.save(made -> {
                setResult(made);
                close();
                messages.info("Saved snapshot " + made.name() + " (" + made.flowId() + " revision " + made.revision()
                        + "); run it from the flows view or with reprise snapshots run " + made.name() + ".");
            });
        });
        setResultConverter(button -> null);
    }

    private static Label kept(String text, String id, String whenEmpty) {
        Label label = new Label(text.isEmpty() ? whenEmpty : text);
        label.setId(id);
        label.setWrapText(true);
        if (text.isEmpty()) {
            label.getStyleClass().add("muted");
        } else {
            label.getStyleClass().add("mono");
        }
        return label;
    }
}
