package dev.reprise.ui.shell;

import atlantafx.base.theme.Styles;
import dev.reprise.ui.common.Messages;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.List;

/**
 * The window's message banner: the latest of the {@link Messages} (an error in the error style), how many
 * more there are, and a button that dismisses it; hidden while there are none. FX thread only.
 */
final class Banner extends HBox {

    private final Messages messages;

    Banner(Messages messages) {
        this.messages = messages;
        setId("banner");
        getStyleClass().add("banner");
        messages.all().addListener((ListChangeListener<Messages.Message>) c -> render());
        render();
    }

    private void render() {
        List<Messages.Message> all = messages.all();
        if (all.isEmpty()) {
            setVisible(false);
            setManaged(false);
            return;
        }
        Messages.Message latest = all.get(all.size() - 1);
        boolean error = latest.level() == Messages.Level.ERROR;
        getStyleClass().remove("error");
        if (error) {
            getStyleClass().add("error");
        }
        Label text = new Label(latest.text());
        text.setId("banner-text");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip("Dismiss"));
        close.setAccessibleText("Dismiss the message");
        close.setOnAction(e -> messages.dismiss(latest));
        FontIcon icon = new FontIcon(error ? Material2AL.ERROR_OUTLINE : Material2AL.INFO);
        getChildren().setAll(icon, text);
        if (all.size() > 1) {
            Label more = new Label("+" + (all.size() - 1) + " more");
            more.getStyleClass().add("muted");
            getChildren().add(more);
        }
        getChildren().add(close);
        setVisible(true);
        setManaged(true);
    }
}
