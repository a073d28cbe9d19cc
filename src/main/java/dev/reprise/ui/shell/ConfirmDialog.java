package dev.reprise.ui.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The window's yes-or-no question (OK, Cancel), owned by the window when it has one. FX thread only. */
final class ConfirmDialog {

    private ConfirmDialog() {
    }

    /** Asks {@code question}, explained by {@code detail}; true if the user chose OK. Waits for the answer. */
    static boolean ask(Window owner, String title, String question, String detail) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, detail, ButtonType.CANCEL, ButtonType.OK);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(question);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
