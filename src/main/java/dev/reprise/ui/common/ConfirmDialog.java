package dev.reprise.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The window's yes-or-no question (OK, Cancel), owned by the window when it has one: deleting runs, cancelling a
 * run or a step. FX thread only.
 */
public final class ConfirmDialog {

    private ConfirmDialog() {
    }

    /** Asks {@code question}, explained by {@code detail}; true if the user chose OK. Waits for the answer. */
    public static boolean ask(Window owner, String title, String question, String detail) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, detail, ButtonType.CANCEL, ButtonType.OK);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(question);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
