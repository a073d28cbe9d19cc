package dev.reprise.ui.flows;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.reprise.flow.Problem;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.function.Consumer;

/**
 * The problems of a YAML text beside its {@link YamlArea}: a title that counts them (red while there are any) and
 * the list, each problem as {@code line:column   message}; clicking one (or Enter) hands it to {@code goTo}. FX
 * thread only.
 */
public final class ProblemsPane extends VBox {

    private final ListView<Problem> list = new ListView<>();
    private final Label title = new Label();
    private final ObservableList<Problem> problems;

    /** @param whenNone what the empty list says ("No problems: the flow is valid") */
    public ProblemsPane(ObservableList<Problem> problems, String whenNone, Consumer<Problem> goTo) {
        this.problems = problems;
        getStylesheets().add(YamlArea.class.getResource("yaml.css").toExternalForm());
        title.getStyleClass().add("section-title");
        list.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        list.setItems(problems);
        list.setPlaceholder(new Label(whenNone));
        list.setCellFactory(l -> new ProblemCell());
        list.setOnMouseClicked(e -> goTo.accept(list.getSelectionModel().getSelectedItem()));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                goTo.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        problems.addListener((ListChangeListener<Problem>) c -> updateTitle());
        updateTitle();
        HBox header = new HBox(title);
        header.setPadding(new Insets(0, 10, 0, 10));
        getChildren().setAll(header, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        getStyleClass().add("problems-pane");
    }

    public ListView<Problem> list() {
        return list;
    }

    public Label title() {
        return title;
    }

    private void updateTitle() {
        int n = problems.size();
        title.setText(n == 0 ? "Problems" : n == 1 ? "1 problem" : n + " problems");
        title.pseudoClassStateChanged(Styles.STATE_DANGER, n > 0);
    }

    private static final class ProblemCell extends ListCell<Problem> {
        @Override
        protected void updateItem(Problem problem, boolean empty) {
            super.updateItem(problem, empty);
            if (empty || problem == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            boolean placed = problem.pos() != null && problem.pos().line() > 0;
            setWrapText(true);
            setPrefWidth(0);
            setText((placed ? problem.pos().line() + ":" + problem.pos().column() + "   " : "") + problem.message());
            FontIcon icon = new FontIcon(Material2AL.ERROR_OUTLINE);
            icon.getStyleClass().add("problem-icon");
            setGraphic(icon);
        }
    }
}
