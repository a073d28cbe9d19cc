package dev.reprise.ui.connect;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/**
 * <em>Connect to server…</em>: asks a server's URL and token, checks them off the UI thread and, when they
 * work, saves the connection and closes with the new {@link WorkspacePlaces.Place}; when they do not, says
 * why beside the fields and stays open. FX thread only.
 */
public final class ConnectDialog extends Dialog<WorkspacePlaces.Place> {

    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    public ConnectDialog(ConnectViewModel model, Window owner) {
        setTitle("Connect to server");
        setHeaderText("A Reprise server (reprise server) and one of its tokens");
        if (owner != null) {
            initOwner(owner);
        }
        TextField url = new TextField();
        url.setId("connect-url");
        url.setPromptText("http://host:8080");
        url.textProperty().bindBidirectional(model.urlProperty());
        PasswordField token = new PasswordField();
        token.setId("connect-token");
        token.setPromptText("token");
        token.textProperty().bindBidirectional(model.tokenProperty());
        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.textProperty().bind(model.errorProperty());
        ProgressIndicator checking = new ProgressIndicator();
        checking.setPrefSize(18, 18);
        checking.visibleProperty().bind(model.busyProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Server URL"), url);
        grid.addRow(1, new Label("Token"), token);
        grid.add(new HBox(8, checking, error), 0, 2, 2, 1);
        url.setPrefColumnCount(28);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);

        Button connect = (Button) getDialogPane().lookupButton(CONNECT);
        connect.setId("connect-button");
        connect.disableProperty().bind(model.readyProperty().not());
        // the dialog closes only once the check has succeeded
        connect.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.connect(place -> {
                setResult(place);
                close();
            });
        });
        setResultConverter(button -> null);
    }
}
