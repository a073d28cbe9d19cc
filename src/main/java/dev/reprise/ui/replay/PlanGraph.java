package dev.reprise.ui.replay;

import dev.reprise.flow.Flow;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.CubicCurve;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small drawing of a replay plan on the flow's DAG: a box per step, left to right by layer, coloured by its
 * action ({@code :execute}, {@code :reuse}, {@code :inject}, {@code :omit}, {@code :mixed}), with
 * {@code :stale} on steps an edit made stale. Boxes are labels named {@code #plan-node-<step>}. Meant for the
 * dozens of steps a flow has, not thousands (the Gantt and DAG views handle those). FX thread only.
 */
public final class PlanGraph extends Pane {

    static final double WIDTH = 100;
    static final double HEIGHT = 40;
    static final double GAP_X = 26;
    static final double GAP_Y = 14;
    private static final double PAD = 10;
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass MIXED = PseudoClass.getPseudoClass("mixed");

    public PlanGraph() {
        getStyleClass().add("plan-graph");
    }

    public void show(Flow flow, ReplayPlan plan) {
        getChildren().clear();
        if (flow == null) {
            return;
        }
        PlanLayout layout = PlanLayout.of(flow, plan);
        Map<String, PlanLayout.Node> nodes = new HashMap<>();
        layout.nodes().forEach(n -> nodes.put(n.step(), n));
        for (PlanLayout.Edge edge : layout.edges()) {
            PlanLayout.Node a = nodes.get(edge.from());
            PlanLayout.Node b = nodes.get(edge.to());
            if (a == null || b == null) {
                continue;
            }
            double x1 = x(a) + WIDTH;
            double y1 = y(a) + HEIGHT / 2;
            double x2 = x(b);
            double y2 = y(b) + HEIGHT / 2;
            double mid = (x1 + x2) / 2;
            CubicCurve curve = new CubicCurve(x1, y1, mid, y1, mid, y2, x2, y2);
            curve.getStyleClass().add("plan-edge");
            getChildren().add(curve);
        }
        for (PlanLayout.Node node : layout.nodes()) {
            Label box = new Label(node.step() + "\n" + word(node));
            box.setId("plan-node-" + node.step());
            box.getStyleClass().add("plan-node");
            box.setUserData(node);
            box.setPrefSize(WIDTH, HEIGHT);
            box.setMinSize(WIDTH, HEIGHT);
            box.setMaxSize(WIDTH, HEIGHT);
            box.relocate(x(node), y(node));
            if (node.action() != null) {
                box.pseudoClassStateChanged(PseudoClass.getPseudoClass(node.action().name().toLowerCase(Locale.ROOT)), true);
            } else if (!node.actions().isEmpty()) {
                box.pseudoClassStateChanged(MIXED, true);
            }
            box.pseudoClassStateChanged(STALE, node.stale());
            box.setTooltip(new Tooltip(node.step() + ": " + word(node) + (node.stale() ? " (stale: an edit reaches it)" : "")
                    + (node.reason().isEmpty() ? "" : "\n" + node.reason())));
            getChildren().add(box);
        }
        double width = PAD * 2 + layout.layers() * WIDTH + Math.max(0, layout.layers() - 1) * GAP_X;
        double height = PAD * 2 + layout.height() * HEIGHT + Math.max(0, layout.height() - 1) * GAP_Y;
        setPrefSize(width, height);
        setMinSize(width, height);
    }

    private static double x(PlanLayout.Node n) {
        return PAD + n.layer() * (WIDTH + GAP_X);
    }

    private static double y(PlanLayout.Node n) {
        return PAD + n.row() * (HEIGHT + GAP_Y);
    }

    /** The action in a word, or the counts of a fan-out whose instances differ. */
    static String word(PlanLayout.Node node) {
        if (node.actions().isEmpty()) {
            return "—";
        }
        if (node.action() != null) {
            int n = node.actions().get(node.action());
            return word(node.action()) + (n > 1 ? " ×" + n : "") + (node.stale() ? " · stale" : "");
        }
        return node.actions().entrySet().stream().map(e -> e.getValue() + " " + word(e.getKey()))
                .collect(Collectors.joining(", "));
    }

    static String word(Action action) {
        return switch (action) {
            case EXECUTE -> "execute";
            case REUSE -> "reuse";
            case INJECT -> "inject";
            case OMIT -> "omit";
        };
    }
}
