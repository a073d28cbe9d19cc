package dev.reprise.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
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
     * run, "Cancel" would mean not to. What is asked here cannot be undone (a cancelled step's process is
     * killed), so {@code no} is the default button and has the focus: Enter, pressed out of habit, keeps.
     */
    public static boolean ask(Window owner, String title, String question, String detail, String yes, String no) {
        ButtonType yesType = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        ButtonType noType = new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(owner, title, question, detail, yesType, noType);
        Button yesButton = (Button) alert.getDialogPane().lookupButton(yesType);
        Button noButton = (Button) alert.getDialogPane().lookupButton(noType);
        yesButton.setDefaultButton(false);
        noButton.setDefaultButton(true);
        alert.setOnShown(e -> noButton.requestFocus());
        return alert.showAndWait().filter(b -> b == yesType).isPresent();
    }

    private static boolean ask(Window owner, String title, String question, String detail, ButtonType yes,
                               ButtonType no) {
        return alert(owner, title, question, detail, yes, no).showAndWait().filter(b -> b == yes).isPresent();
    }

    private static Alert alert(Window owner, String title, String question, String detail, ButtonType yes,
                               ButtonType no) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, detail, no, yes);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(question);
        return alert;
    }
}
