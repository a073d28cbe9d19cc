package dev.reprise.ui.replay;

import atlantafx.base.theme.Styles;
import dev.reprise.flow.Flow;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan.PlannedStep;
import dev.reprise.run.ReplayPlan;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan of the replay being set up: a summary (how many steps execute, are reused, stale, injected,
 * omitted), the plan drawn on the flow's DAG, the steps with their action and reason (a reused step with the
 * run it comes from), and the planner's warnings. Follows a {@link PlanPreviewModel}. FX thread only.
 */
public final class PlanPreviewView extends VBox {

    private final PlanPreviewModel model;
    private final ObservableValue<Flow> flow;
    private final PlanGraph graph = new PlanGraph();
    private final Label summary = new Label();
    private final Label failure = new Label();
    private final ListView<PlannedStep> steps = new ListView<>();
    private final VBox warnings = new VBox(4);

    public PlanPreviewView(PlanPreviewModel model, ObservableValue<Flow> flow) {
        super(6);
        this.model = model;
        this.flow = flow;
        getStyleClass().add("plan-preview");
        setPadding(new Insets(10));

        Label title = new Label("Plan");
        title.getStyleClass().add(Styles.TITLE_4);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.busyProperty());
        busy.setId("plan-busy");
        summary.setId("plan-summary");
        summary.getStyleClass().add("muted");
        summary.setWrapText(true);
        HBox head = new HBox(8, title, busy, summary);
        head.setAlignment(Pos.CENTER_LEFT);

        failure.getStyleClass().add(Styles.DANGER);
        failure.setWrapText(true);
        failure.textProperty().bind(model.failureProperty());
        failure.visibleProperty().bind(model.failureProperty().isNotNull());
        failure.managedProperty().bind(failure.visibleProperty());

        ScrollPane graphScroll = new ScrollPane(graph);
        graphScroll.setId("plan-graph");
        graphScroll.getStyleClass().add("plan-graph-scroll");
        graphScroll.setPrefViewportHeight(190);
        graphScroll.setMinViewportHeight(120);

        steps.setId("plan-steps");
        steps.getStyleClass().add(Styles.DENSE);
        steps.setCellFactory(l -> new StepCell());
        steps.setPlaceholder(new Label("Planning…"));
        VBox.setVgrow(steps, Priority.ALWAYS);
        warnings.setId("plan-warnings");

        getChildren().addAll(head, failure, graphScroll, legend(), sectionTitle("Steps"), steps, warnings);
        model.planProperty().addListener((o, a, plan) -> render());
        flow.addListener((o, a, b) -> render());
        render();
    }

    private static Region legend() {
        HBox legend = new HBox(6);
        for (String key : List.of("execute", "reuse", "stale", "inject", "omit")) {
            Label chip = new Label(key);
            chip.getStyleClass().add("action-chip");
            chip.pseudoClassStateChanged(PseudoClass.getPseudoClass(key), true);
            legend.getChildren().add(chip);
        }
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }

    private void render() {
        ReplayPlan plan = model.planProperty().get();
        graph.show(flow.getValue(), plan);
        if (plan == null) {
            steps.getItems().clear();
            summary.setText(model.busyProperty().get() ? "planning…" : "");
            warnings.getChildren().clear();
            return;
        }
        steps.getItems().setAll(plan.steps());
        summary.setText(summary(plan));
        warnings.getChildren().clear();
        for (String warning : plan.warnings()) {
            Label line = new Label(warning, new FontIcon(Material2MZ.WARNING));
            line.setWrapText(true);
            line.getStyleClass().add("plan-warning");
            warnings.getChildren().add(line);
        }
    }

    /** "revision 1 → 2 · 5 execute (1 stale) · 1 reused" and so on; or that the plan has errors. */
    static String summary(ReplayPlan plan) {
        if (!plan.isExecutable()) {
            return plan.errors().size() + (plan.errors().size() == 1 ? " error" : " errors") + ": nothing can run yet";
        }
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        plan.steps().forEach(s -> counts.merge(s.action(), 1, Integer::sum));
        long stale = plan.steps().stream().filter(PlannedStep::stale).count();
        StringBuilder text = new StringBuilder("revision " + plan.sourceRevision()
                + (plan.revision() != plan.sourceRevision() ? " → " + plan.revision() : ""));
        text.append(" · ").append(counts.getOrDefault(Action.EXECUTE, 0)).append(" to execute");
        if (stale > 0) {
            text.append(" (").append(stale).append(" stale)");
        }
        text.append(" · ").append(counts.getOrDefault(Action.REUSE, 0)).append(" reused");
        if (counts.containsKey(Action.INJECT)) {
            text.append(" · ").append(counts.get(Action.INJECT)).append(" injected");
        }
        if (counts.containsKey(Action.OMIT)) {
            text.append(" · ").append(counts.get(Action.OMIT)).append(" left out");
        }
        if (!plan.warnings().isEmpty()) {
            text.append(" · ").append(plan.warnings().size()).append(plan.warnings().size() == 1 ? " warning" : " warnings");
        }
        return text.toString();
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    public ListView<PlannedStep> steps() {
        return steps;
    }

    public PlanGraph graph() {
        return graph;
    }

    private static final class StepCell extends ListCell<PlannedStep> {
        private final Label chip = new Label();
        private final Label id = new Label();
        private final Label reason = new Label();
        private final HBox box;

        StepCell() {
            chip.getStyleClass().add("action-chip");
            chip.setMinWidth(Region.USE_PREF_SIZE);
            id.getStyleClass().add(Styles.TEXT_BOLD);
            id.setMinWidth(Region.USE_PREF_SIZE);
            reason.getStyleClass().add("muted");
            box = new HBox(8, chip, id, reason);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(PlannedStep item, boolean empty) {
            super.updateItem(item, empty);
            for (Action a : Action.values()) {
                chip.pseudoClassStateChanged(PseudoClass.getPseudoClass(a.name().toLowerCase(Locale.ROOT)), false);
            }
            chip.pseudoClassStateChanged(PseudoClass.getPseudoClass("stale"), false);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            chip.setText(PlanGraph.word(item.action()) + (item.stale() ? " · stale" : ""));
            chip.pseudoClassStateChanged(PseudoClass.getPseudoClass(item.action().name().toLowerCase(Locale.ROOT)), true);
            chip.pseudoClassStateChanged(PseudoClass.getPseudoClass("stale"), item.stale());
            id.setText(item.stepId());
            reason.setText(item.reason() + (item.action() == Action.REUSE && item.source() != null
                    && !item.reason().contains(item.source().runId()) ? " · from run " + item.source().runId() : ""));
            setText(null);
            setGraphic(box);
        }
    }
}
