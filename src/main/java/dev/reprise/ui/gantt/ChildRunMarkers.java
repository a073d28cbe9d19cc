package dev.reprise.ui.gantt;

import dev.reprise.run.Attempt;
import dev.reprise.run.StepRun;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The child-run markers of a chart: beside each step whose attempts started other runs (sub-pipelines), a small
 * button that opens the child run (or, for a fan-out shown as one node, a menu of its instances' children). A
 * chart keys the markers as it shows steps (the DAG by step name, the Gantt by row) and places them after each
 * paint, hiding those whose step is out of view. Each marker has the id {@code child-marker-<key>}. FX thread
 * only.
 */
public final class ChildRunMarkers {

    /** The children of one marker: each step instance's latest child, in the order they were seen. */
    private record Marker(Button button, Map<String, String> childOfInstance) {
    }

    private final ObservableList<Node> host;
    private final Function<StepRun, String> keyOf;
    private final boolean rightAligned;
    private final Map<String, Marker> markers = new LinkedHashMap<>();
    private final Map<String, String> keyOfInstance = new HashMap<>();
    private Consumer<String> open = runId -> { };

    /**
     * @param host  the chart's children, which the markers join
     * @param keyOf        the marker a step instance belongs to (its step name, or its own row)
     * @param rightAligned whether a marker's right edge (rather than its left) is at the point it is placed at
     */
    public ChildRunMarkers(ObservableList<Node> host, Function<StepRun, String> keyOf, boolean rightAligned) {
        this.host = host;
        this.keyOf = keyOf;
        this.rightAligned = rightAligned;
    }

    /** What opening a child run does: given the child's id. */
    public void setOnOpen(Consumer<String> handler) {
        open = handler == null ? runId -> { } : handler;
    }

    /** Shows the markers of a whole run's step runs, dropping those of steps that have none any more. */
    public void show(Collection<StepRun> steps) {
        markers.values().forEach(m -> host.remove(m.button()));
        markers.clear();
        keyOfInstance.clear();
        apply(steps);
    }

    /** Adds or updates the markers of step runs that changed. */
    public void apply(Collection<StepRun> changed) {
        for (StepRun step : changed) {
            String child = latestChild(step);
            if (child == null) {
                continue;
            }
            String key = keyOf.apply(step);
            String before = keyOfInstance.put(step.stepId(), key);
            if (before != null && !before.equals(key) && markers.containsKey(before)) {
                markers.get(before).childOfInstance().remove(step.stepId());
            }
            Marker marker = markers.computeIfAbsent(key, this::newMarker);
            marker.childOfInstance().put(step.stepId(), child);
            describe(key, marker);
        }
    }

    /** The child runs a marker opens, by step instance (for tests). */
    public Map<String, String> children(String key) {
        Marker marker = markers.get(key);
        return marker == null ? Map.of() : Map.copyOf(marker.childOfInstance());
    }

    /**
     * Places each marker with its left (or right) edge at the point {@code where} gives for its key, centred on it
     * vertically, and moved left as far as it takes to stay inside {@code width} (a bar that ends at the right
     * edge); a marker whose point is empty or outside {@code width} × {@code height} is hidden.
     */
    public void place(Function<String, Optional<Point2D>> where, double width, double height) {
        markers.forEach((key, marker) -> {
            Button button = marker.button();
            Optional<Point2D> at = where.apply(key);
            button.autosize();
            double h = button.getHeight();
            double left = at.map(p -> rightAligned ? p.getX() - button.getWidth() : p.getX()).orElse(0.0);
            boolean inside = at.isPresent() && left < width && left + button.getWidth() > 0
                    && at.get().getY() - h / 2 < height && at.get().getY() + h / 2 > 0;
            button.setVisible(inside);
            if (inside) {
                double x = Math.max(0, Math.min(left, width - button.getWidth() - 2));
                button.relocate(Math.round(x), Math.round(at.get().getY() - h / 2));
            }
        });
    }

    private Marker newMarker(String key) {
        Button button = new Button(null, new FontIcon(Material2AL.CALL_MADE));
        button.setId("child-marker-" + key.replace('[', '-').replace("]", ""));
        button.getStyleClass().add("child-run-marker");
        button.setFocusTraversable(false);
        button.setManaged(false);
        Marker marker = new Marker(button, new LinkedHashMap<>());
        button.setOnAction(e -> activate(marker));
        host.add(button);
        return marker;
    }

    private void activate(Marker marker) {
        Map<String, String> children = marker.childOfInstance();
        if (children.size() == 1) {
            open.accept(children.values().iterator().next());
            return;
        }
        ContextMenu menu = new ContextMenu();
        children.forEach((instance, child) -> {
            MenuItem item = new MenuItem(instance + " → " + child);
            item.setOnAction(e -> open.accept(child));
            menu.getItems().add(item);
        });
        menu.show(marker.button(), Side.BOTTOM, 0, 0);
    }

    private static void describe(String key, Marker marker) {
        int count = marker.childOfInstance().size();
        String text = count == 1 ? "child run" : count + " child runs";
        marker.button().setText(text);
        String what = count == 1 ? "Open child run " + marker.childOfInstance().values().iterator().next()
                + ", started by step " + key : "Open one of the " + count + " runs the instances of step " + key
                + " started";
        marker.button().setAccessibleText(what);
        marker.button().setTooltip(new Tooltip(what));
    }

    /** The run the step's latest attempt that started one started, or null. */
    private static String latestChild(StepRun step) {
        for (int i = step.attempts().size() - 1; i >= 0; i--) {
            Attempt attempt = step.attempts().get(i);
            if (attempt.childRunId() != null) {
                return attempt.childRunId();
            }
        }
        return null;
    }
}
