package dev.reprise.ui.common;

import atlantafx.base.theme.Styles;
import dev.reprise.run.SuggestedFix;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * A failed attempt's suggested fix, the same in the step details and the logs: why (the summary), the change in
 * one line ({@code parse.datetime_format: 'yy-MM-dd HH:mm:ss' → 'yyyy-MM-dd'T'HH:mm:ss'}) and, where the view
 * offers them, the actions that apply it. Styled by common.css ({@code .suggested-fix}). FX thread only.
 */
public final class SuggestedFixBox extends VBox {

    private final FlowPane actions = new FlowPane(6, 6);

    public SuggestedFixBox(SuggestedFix fix) {
        super(4);
        getStyleClass().add("suggested-fix");
        setId("suggested-fix");
        Label title = new Label("Suggested fix", new FontIcon(Material2AL.LIGHTBULB));
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "suggested-fix-title");
        Label summary = new Label(fix.summary());
        summary.setId("suggested-fix-summary");
        summary.setWrapText(true);
        Label change = new Label(fix.change());
        change.setId("suggested-fix-change");
        change.setWrapText(true);
        change.getStyleClass().add("mono");
        HBox header = new HBox(8, title);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, summary, change);
    }

    /** Adds buttons under the change (Apply fix, Apply and replay). */
    public SuggestedFixBox withActions(Node... buttons) {
        actions.getChildren().addAll(buttons);
        if (!getChildren().contains(actions)) {
            getChildren().add(actions);
        }
        return this;
    }
}
