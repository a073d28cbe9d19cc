package dev.reprise.ui.flows;

import atlantafx.base.theme.Styles;
import dev.reprise.run.Run;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.form.InputForm;
import dev.reprise.workspace.Workspace;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * "Run…" of a flow revision: the shared typed {@link InputForm}, one field per flow input with what it
 * accepts and the reason a value is refused beside it; Run stays disabled while a field is invalid, starts the run in the background and
 * hands its id to {@code openRun}. A refusal from the workspace shows in the dialog, which stays open with
 * every value typed. FX thread only.
 */
public final class StartRunDialog extends Dialog<Run> {

    public static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);

    public StartRunDialog(Window owner, StartFormModel form, Workspace workspace, UiExecutor ui, Messages messages,
                          Consumer<String> openRun) {
        this(owner, form, "Start a run of " + form.revision().flowId() + ", revision " + form.revision().revision(),
                () -> workspace.start(form.request()), ui, messages, openRun);
    }

    /**
     * The dialog with another way to start the run ({@code start}, called off the FX thread once the form is
     * valid): a snapshot's run, for one.
     */
    public StartRunDialog(Window owner, StartFormModel form, String header, Callable<Run> start,
                          UiExecutor ui, Messages messages, Consumer<String> openRun) {
        initOwner(owner);
        setTitle("Run " + form.revision().flowId());
        setHeaderText(header);
        getDialogPane().getButtonTypes().setAll(RUN, ButtonType.CANCEL);
        getDialogPane().setId("start-run-dialog");

        InputForm inputs = new InputForm(form.form(), null);
        inputs.setEmptyText("This flow has no inputs.");
        inputs.setPrefWidth(560);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        // lines the run name up with the form's labels, which follow the form's edited-marker column
        grid.setPadding(new Insets(0, 0, 0, 11));
        TextField runName = new TextField();
        runName.setId("run-name");
        runName.setPromptText("optional");
        runName.textProperty().bindBidirectional(form.nameProperty());
        grid.add(new Label("Run name"), 0, 0);
        grid.add(runName, 1, 0);
        Label refused = new Label();
        refused.setId("start-error");
        refused.getStyleClass().add(Styles.DANGER);
        refused.setWrapText(true);
        refused.setMaxWidth(520);
        VBox content = new VBox(10, inputs, grid, refused);
        content.setPadding(new Insets(10, 4, 4, 4));
        getDialogPane().setContent(content);

        Button run = (Button) getDialogPane().lookupButton(RUN);
        run.setId("start-run");
        run.disableProperty().bind(form.form().validProperty().not());
        run.addEventFilter(ActionEvent.ACTION, e -> {
            // the dialog closes only once the workspace accepted the run
            e.consume();
            run.disableProperty().unbind();
            run.setDisable(true);
            refused.setText("");
            ui.submit(start, started -> {
                setResult(started);
                close();
                messages.info("Started run " + started.id() + " of " + started.flowId() + " revision " + started.revision() + ".");
                openRun.accept(started.id());
            }, failure -> {
                refused.setText(Messages.describe(failure));
                run.disableProperty().bind(form.form().validProperty().not());
            });
        });
        setResultConverter(button -> null);
    }
}
