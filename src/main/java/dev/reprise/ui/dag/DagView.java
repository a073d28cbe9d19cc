package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.ui.gantt.ChartPalette;
import dev.reprise.workspace.RunDetail;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The DAG of one run: a node per step (a fan-out collapsed to one node with a count and a state summary),
 * coloured by state, edges as ELK routes them. The layout is computed off the FX thread and cached per
 * graph structure, so {@link #show} with a newer detail of the same flow only recolours nodes.
 * {@link #selectedStepProperty()} is the selected step instance id, shared with the Gantt; a node
 * selects its step name. Wheel or pinch zooms, drag pans, {@code 0} fits. FX thread only.
 */
public final class DagView extends Region {

    private static final Logger LOG = LoggerFactory.getLogger(DagView.class);
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FAR = PseudoClass.getPseudoClass("far");
    private static final String STYLESHEET = DagView.class.getResource("dag.css").toExternalForm();

    private final ObjectProperty<String> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final Executor layoutExecutor;
    private final DagLayoutCache cache;
    private final Group content = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Label status = new Label();
    private final Button fitButton = new Button("Fit");
    private final Rectangle clip = new Rectangle();
    private final Map<String, DagNodeView> nodeViews = new HashMap<>();
    private final Map<String, List<DagLayout.Route>> edgesByNode = new HashMap<>();
    private final Path edgeLines = new Path();
    private final Path edgeArrows = new Path();
    private final Path selectedLines = new Path();
    private final Path selectedArrows = new Path();
    private boolean far;
    private Flow lastFlow;
    private DagModel.Structure structure;
    private DagLayout layout;
    private RunDetail lastRun;
    private String highlighted;
    private boolean userMoved;
    private double lastX;
    private double lastY;
    private double pressX;
    private double pressY;
    private boolean dragged;

    /** A view that lays out on the common pool with a cache of its own. */
    public DagView() {
        this(ForkJoinPool.commonPool(), new DagLayoutCache(16));
    }

    /** A view that lays out on {@code layoutExecutor} and shares {@code cache} with other views. */
    public DagView(Executor layoutExecutor, DagLayoutCache cache) {
        this.layoutExecutor = layoutExecutor;
        this.cache = cache;
        getStyleClass().addAll("reprise-chart", "dag-view");
        getStylesheets().addAll(ChartPalette.STYLESHEET, STYLESHEET);
        setFocusTraversable(true);
        setMinSize(200, 120);
        setPrefSize(900, 500);
        setClip(clip);
        edgeLines.getStyleClass().add("dag-edge");
        edgeArrows.getStyleClass().add("dag-arrow");
        selectedLines.getStyleClass().addAll("dag-edge", "dag-edge-selected");
        selectedArrows.getStyleClass().addAll("dag-arrow", "dag-arrow-selected");
        edgeLayer.getChildren().addAll(edgeLines, edgeArrows);
        content.getChildren().addAll(edgeLayer, nodeLayer, selectedLines, selectedArrows);
        for (Node n : List.of(edgeLayer, selectedLines, selectedArrows)) {
            n.setMouseTransparent(true);
        }
        content.getTransforms().addAll(pan, zoom);
        status.getStyleClass().add("dag-status");
        status.setMouseTransparent(true);
        fitButton.getStyleClass().add("dag-fit");
        fitButton.setFocusTraversable(false);
        fitButton.setOnAction(e -> zoomToFit());
        getChildren().addAll(content, status, fitButton);
        selectedStep.addListener((obs, was, now) -> highlight(DagModel.nodeOf(now)));
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            dragged = false;
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getTouchCount() > 0 || e.isShiftDown()) {
                panBy(e.getDeltaX(), e.getDeltaY());
            } else {
                zoomAround(e.getX(), e.getY(), Math.pow(1.004, e.getDeltaY()));
            }
            e.consume();
        });
        addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAround(e.getX(), e.getY(), e.getZoomFactor());
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /**
     * Shows the run's latest state. The first call for a flow structure starts its layout in the
     * background (or takes it from the cache); later calls only recolour the nodes.
     */
    public void show(RunDetail run, Flow flow) {
        lastRun = run;
        if (flow == null || flow != lastFlow && !flow.equals(lastFlow)) {
            lastFlow = flow;
            DagModel.Structure next = flow == null ? DagModel.structure(run) : DagModel.structure(flow);
            if (!next.equals(structure)) {
                structure = next;
                requestLayoutOf(next);
            }
        }
        applyStates();
    }

    public ObjectProperty<String> selectedStepProperty() {
        return selectedStep;
    }

    /** Scales and centres the graph to fit the view (never above 1.5×). */
    public void zoomToFit() {
        userMoved = false;
        fit();
    }

    /** The layout on screen, or null while it is computed. */
    public DagLayout currentLayout() {
        return layout;
    }

    /**
     * The step whose node is at ({@code x}, {@code y}) in this view's coordinates, as the pan and zoom place it;
     * a collapsed fan-out answers its step name. Empty over the background, the Fit button, outside the view or
     * while the layout is computed.
     */
    public Optional<String> stepAt(double x, double y) {
        if (x < 0 || y < 0 || x >= getWidth() || y >= getHeight() || fitButton.getBoundsInParent().contains(x, y)) {
            return Optional.empty();
        }
        Point2D inNodes = nodeLayer.parentToLocal(content.parentToLocal(x, y));
        return nodeViews.values().stream()
                .filter(node -> node.getBoundsInParent().contains(inNodes))
                .map(DagNodeView::stepName)
                .findFirst();
    }

    /** The node of a step, for tests; null while the layout is computed. */
    public Region nodeView(String stepName) {
        return nodeViews.get(stepName);
    }

    private void requestLayoutOf(DagModel.Structure next) {
        DagLayout ready = cache.ready(next);
        if (ready != null) {
            apply(next, ready);
            return;
        }
        status.setText("Laying out " + next.nodes().size() + " steps…");
        status.setVisible(true);
        cache.layout(next, layoutExecutor).whenComplete((result, error) -> Platform.runLater(() -> {
            if (next != structure) {
                return;
            }
            if (error != null) {
                LOG.warn("Could not lay out the graph of flow {}", next.flowId(), error);
                status.setText("Could not lay out the graph: " + rootMessage(error));
                return;
            }
            apply(next, result);
        }));
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void apply(DagModel.Structure applied, DagLayout result) {
        layout = result;
        status.setVisible(false);
        nodeViews.clear();
        edgesByNode.clear();
        // all edges in two shapes: thousands of polylines would cost more in CSS and rendering than they give
        List<PathElement> lines = new ArrayList<>(result.edges().size() * 3);
        List<PathElement> arrows = new ArrayList<>(result.edges().size() * 4);
        for (DagLayout.Route route : result.edges()) {
            addRoute(route.points(), lines, arrows);
            edgesByNode.computeIfAbsent(route.from(), k -> new ArrayList<>()).add(route);
            edgesByNode.computeIfAbsent(route.to(), k -> new ArrayList<>()).add(route);
        }
        edgeLines.getElements().setAll(lines);
        edgeArrows.getElements().setAll(arrows);
        List<Node> nodes = new ArrayList<>(applied.nodes().size());
        for (DagModel.NodeSpec spec : applied.nodes()) {
            DagLayout.Box box = result.nodes().get(spec.id());
            DagNodeView view = new DagNodeView(spec.id());
            view.resizeRelocate(box.x(), box.y(), box.width(), box.height());
            view.setPrefSize(box.width(), box.height());
            view.setMinSize(box.width(), box.height());
            view.setMaxSize(box.width(), box.height());
            view.setLayoutX(box.x());
            view.setLayoutY(box.y());
            nodeViews.put(spec.id(), view);
            nodes.add(view);
        }
        nodeLayer.getChildren().setAll(nodes);
        nodeLayer.getStyleClass().setAll("dag-nodes");
        highlighted = null;
        applyStates();
        highlight(DagModel.nodeOf(selectedStep.get()));
        if (!userMoved) {
            fit();
        }
    }

    private static void addRoute(double[] p, List<PathElement> lines, List<PathElement> arrows) {
        lines.add(new MoveTo(p[0], p[1]));
        for (int i = 2; i < p.length; i += 2) {
            lines.add(new LineTo(p[i], p[i + 1]));
        }
        int n = p.length;
        double x = p[n - 2];
        double y = p[n - 1];
        double angle = Math.atan2(y - p[n - 3], x - p[n - 4]);
        double size = 7;
        arrows.add(new MoveTo(x, y));
        arrows.add(new LineTo(x - size * Math.cos(angle - 0.45), y - size * Math.sin(angle - 0.45)));
        arrows.add(new LineTo(x - size * Math.cos(angle + 0.45), y - size * Math.sin(angle + 0.45)));
        arrows.add(new ClosePath());
    }

    private void applyStates() {
        if (lastRun == null || structure == null || nodeViews.isEmpty()) {
            return;
        }
        DagModel.states(structure, lastRun).forEach((id, state) -> {
            DagNodeView view = nodeViews.get(id);
            if (view != null) {
                view.setState(state);
            }
        });
    }

    private void highlight(String nodeId) {
        if (highlighted != null) {
            DagNodeView view = nodeViews.get(highlighted);
            if (view != null) {
                view.pseudoClassStateChanged(SELECTED, false);
            }
        }
        highlighted = nodeId;
        List<PathElement> lines = new ArrayList<>();
        List<PathElement> arrows = new ArrayList<>();
        if (nodeId != null) {
            DagNodeView view = nodeViews.get(nodeId);
            if (view != null) {
                view.pseudoClassStateChanged(SELECTED, true);
                view.toFront();
            }
            edgesByNode.getOrDefault(nodeId, List.of()).forEach(route -> addRoute(route.points(), lines, arrows));
        }
        selectedLines.getElements().setAll(lines);
        selectedArrows.getElements().setAll(arrows);
    }

    /** Far out, titles are too small to read: hide the text so thousands of nodes paint fast. */
    private void updateDetail() {
        boolean nowFar = zoom.getX() < 0.4;
        if (nowFar != far) {
            far = nowFar;
            nodeLayer.pseudoClassStateChanged(FAR, far);
        }
    }

    // ---- viewport ----

    private void fit() {
        if (layout == null || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        double margin = 24;
        double top = 36;
        double scale = Math.min(1.5, Math.min((getWidth() - 2 * margin) / Math.max(1, layout.width()),
                (getHeight() - top - margin) / Math.max(1, layout.height())));
        scale = Math.max(0.02, scale);
        zoom.setX(scale);
        zoom.setY(scale);
        pan.setX((getWidth() - layout.width() * scale) / 2);
        pan.setY(top + (getHeight() - top - margin - layout.height() * scale) / 2);
        updateDetail();
    }

    /** Scales by {@code factor} keeping the graph point under ({@code x}, {@code y}) in place. */
    public void zoomAround(double x, double y, double factor) {
        double scale = Math.max(0.02, Math.min(4, zoom.getX() * factor));
        double gx = (x - pan.getX()) / zoom.getX();
        double gy = (y - pan.getY()) / zoom.getY();
        zoom.setX(scale);
        zoom.setY(scale);
        pan.setX(x - gx * scale);
        pan.setY(y - gy * scale);
        userMoved = true;
        updateDetail();
    }

    private void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
        userMoved = true;
    }

    private void onDragged(MouseEvent e) {
        if (!dragged && Math.hypot(e.getX() - pressX, e.getY() - pressY) < 4) {
            return;
        }
        dragged = true;
        panBy(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
    }

    private void onReleased(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY || e.getTarget() == fitButton) {
            return;
        }
        selectedStep.set(stepAt(e.getX(), e.getY()).orElse(null));
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case DIGIT0, NUMPAD0 -> zoomToFit();
            case PLUS, ADD, EQUALS -> zoomAround(getWidth() / 2, getHeight() / 2, 1.25);
            case MINUS, SUBTRACT -> zoomAround(getWidth() / 2, getHeight() / 2, 0.8);
            case LEFT -> panBy(60, 0);
            case RIGHT -> panBy(-60, 0);
            case UP -> panBy(0, 60);
            case DOWN -> panBy(0, -60);
            default -> {
                return;
            }
        }
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        clip.setWidth(getWidth());
        clip.setHeight(getHeight());
        status.autosize();
        status.relocate((getWidth() - status.getWidth()) / 2, (getHeight() - status.getHeight()) / 2);
        fitButton.autosize();
        fitButton.relocate(8, 6);
        if (!userMoved) {
            fit();
        }
    }
}
