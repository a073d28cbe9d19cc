package dev.reprise.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
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
        return ask(owner, title, question, detail, ButtonType.OK, ButtonType.CANCEL);
    }

    /**
     * The same with buttons that say what they do, where OK and Cancel would mislead: asked whether to cancel a
     * run, "Cancel" would mean not to.
     */
    public static boolean ask(Window owner, String title, String question, String detail, String yes, String no) {
        return ask(owner, title, question, detail, new ButtonType(yes, ButtonBar.ButtonData.OK_DONE),
                new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE));
    }

    private static boolean ask(Window owner, String title, String question, String detail, ButtonType yes,
                               ButtonType no) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, detail, no, yes);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(question);
        return alert.showAndWait().filter(b -> b == yes).isPresent();
    }
}
