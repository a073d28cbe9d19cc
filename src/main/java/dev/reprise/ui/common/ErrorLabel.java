package dev.reprise.ui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.control.Label;

/** A label that shows an error message while there is one and takes no room while there is none. FX thread only. */
public final class ErrorLabel {

    private ErrorLabel() {
    }

    /** A label with id {@code id}, showing {@code message} (null: hidden). */
    public static Label of(ReadOnlyStringProperty message, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(Styles.DANGER);
        label.setWrapText(true);
        label.textProperty().bind(message);
        label.visibleProperty().bind(message.isNotNull());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }
}
