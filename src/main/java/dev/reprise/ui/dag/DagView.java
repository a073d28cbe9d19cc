package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.run.StepRun;
import dev.reprise.ui.gantt.ChartDrag;
import dev.reprise.ui.gantt.ChartRegion;
import dev.reprise.ui.gantt.ChildRunMarkers;
import dev.reprise.workspace.RunDetail;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The DAG of one run, painted on a canvas: a node per step (a fan-out collapsed to one node with a count
 * and a state summary), coloured by state, edges as ELK routes them. The layout is computed off the FX
 * thread and cached per graph structure, so {@link #show} with a newer detail of the same flow only
 * repaints, and a live batch of changed step runs sums up and repaints only the nodes of those steps.
 * {@link #selectedStepProperty()} is the selected step instance id, shared with the Gantt; a
 * node selects its step name. Wheel or pinch zooms around the pointer, Shift+wheel, touch scroll or drag
 * pans, a click selects, {@code +}/{@code -} zoom, arrows pan, {@code 0} fits. Repaints are coalesced to
 * one per pulse. A screen reader reads it as a list of its nodes, each saying which steps it comes after, the
 * selected one its focus item. FX thread only.
 */
public final class DagView extends ChartRegion {

    private static final Logger LOG = LoggerFactory.getLogger(DagView.class);
    private static final String STYLESHEET = DagView.class.getResource("dag.css").toExternalForm();

    private final ObjectProperty<String> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final Executor layoutExecutor;
    private final DagLayoutCache cache;
    private final DagPainter painter = new DagPainter(palette());
    private final DagViewport viewport = new DagViewport();
    private final Canvas canvas = new Canvas();
    private final ChartDrag drag = new ChartDrag();
    private final Label status = new Label();
    private final Button fitButton = new Button("Fit");
    private final Tooltip tooltip = new Tooltip();
    private final ChildRunMarkers childMarkers = new ChildRunMarkers(getChildren(), StepRun::stepName, true);
    private Flow lastFlow;
    private DagModel.Structure structure;
    /** The nodes' states in the run last shown, on {@link #structure}; null until a run is shown. */
    private DagStates states;
    private boolean paintQueued;
    private int hovered = -1;

    /** A view that lays out on the common pool with a cache of its own. */
    public DagView() {
        this(ForkJoinPool.commonPool(), new DagLayoutCache(16));
    }

    /** A view that lays out on {@code layoutExecutor} and shares {@code cache} with other views. */
    public DagView(Executor layoutExecutor, DagLayoutCache cache) {
        super("Step graph");
        this.layoutExecutor = layoutExecutor;
        this.cache = cache;
        getStyleClass().addAll("reprise-chart", "dag-view");
        getStylesheets().add(STYLESHEET);
        setFocusTraversable(true);
        setMinSize(200, 120);
        setPrefSize(900, 500);
        status.getStyleClass().add("dag-status");
        status.setMouseTransparent(true);
        status.setVisible(false);
        fitButton.getStyleClass().add("dag-fit");
        fitButton.setFocusTraversable(false);
        fitButton.setOnAction(e -> zoomToFit());
        fitButton.setAccessibleText("Fit the whole graph in view");
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(480);
        getChildren().addAll(canvas, status, fitButton);
        selectedStep.addListener((obs, was, now) -> {
            describe(now);
            requestPaint();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1, e));
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
     * background (or takes it from the cache); later calls only repaint the nodes' states.
     */
    public void show(RunDetail run, Flow flow) {
        if (isNewFlow(flow)) {
            lastFlow = flow;
            DagModel.Structure next = flow == null ? DagModel.structure(run) : DagModel.structure(flow);
            if (!next.equals(structure)) {
                structure = next;
                requestLayoutOf(next);
            }
        }
        states = new DagStates(structure, run.steps());
        childMarkers.show(run.steps());
        description().show(run.run(), run.steps());
        describe(selectedStep.get());
        applyStates();
    }

    /**
     * Shows the run's latest state given the step runs that changed since it was last shown (new ones and
     * newer versions of known ones): the nodes of those steps are summed up and repainted, the others and
     * the layout stay. What a run growing live calls on every batch of its events; {@code detail} gives the
     * whole run when it must be read again (another flow, or a run whose flow is unknown, whose nodes come
     * from its step runs).
     */
    public void show(Supplier<RunDetail> detail, Flow flow, Collection<StepRun> changed) {
        if (states == null || isNewFlow(flow)) {
            show(detail.get(), flow);
            return;
        }
        Set<String> changedNodes = states.apply(changed);
        childMarkers.apply(changed);
        description().apply(changed);
        describe(selectedStep.get());
        if (viewport.layout() == null || changedNodes.isEmpty()) {
            return; // a layout on its way takes every node's state when it lands
        }
        for (String node : changedNodes) {
            painter.setState(viewport, viewport.indexOf(node), states.state(node));
        }
        requestPaint();
    }

    private boolean isNewFlow(Flow flow) {
        return flow == null || flow != lastFlow && !flow.equals(lastFlow);
    }

    @Override
    public ObjectProperty<String> selectedStepProperty() {
        return selectedStep;
    }

    @Override
    protected int accessibleItemCount() {
        return viewport.nodeCount();
    }

    @Override
    protected String accessibleItemStep(int index) {
        return viewport.nodeId(index);
    }

    @Override
    protected int accessibleSelectedItem() {
        return selectedIndex();
    }

    @Override
    protected Bounds accessibleItemBounds(int index) {
        DagLayout.Box box = viewport.layout().nodes().get(viewport.nodeId(index));
        return new BoundingBox(viewport.toViewX(box.x()), viewport.toViewY(box.y()), box.width() * viewport.scale(),
                box.height() * viewport.scale());
    }

    /** A node also says which steps it comes after: a list read aloud has no edges to see. */
    @Override
    protected String accessibleItemText(int index) {
        String text = super.accessibleItemText(index);
        List<String> after = structure == null ? List.of() : structure.upstreamOf(viewport.nodeId(index));
        return after.isEmpty() ? text : text + "; after " + String.join(", ", after);
    }

    /** What the child-run marker beside a step that started other runs does: opens the run it is given. */
    public void setOnOpenRun(Consumer<String> handler) {
        childMarkers.setOnOpen(handler);
    }

    /** The markers of the runs the steps started (for tests). */
    public ChildRunMarkers childMarkers() {
        return childMarkers;
    }

    /** Scales and centres the graph to fit the view (never above 1.5×). */
    public void zoomToFit() {
        viewport.zoomToFit();
        requestPaint();
    }

    /** Scales by {@code factor} keeping the graph point under ({@code x}, {@code y}) in place. */
    public void zoomAround(double x, double y, double factor) {
        viewport.zoomAround(x, y, factor);
        requestPaint();
    }

    /** Moves the graph by ({@code dx}, {@code dy}) pixels. */
    public void panBy(double dx, double dy) {
        viewport.panBy(dx, dy);
        requestPaint();
    }

    /** The zoom: view pixels per graph pixel. */
    public double scale() {
        return viewport.scale();
    }

    /** The layout on screen, or null while it is computed. */
    public DagLayout currentLayout() {
        return viewport.layout();
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
        int node = viewport.nodeAt(x, y);
        return node < 0 ? Optional.empty() : Optional.of(viewport.nodeId(node));
    }

    /**
     * The centre of a step's node in this view's coordinates, as the pan and zoom place it (for tests that
     * click as a person would); empty for an unknown step or while the layout is computed.
     */
    public Optional<Point2D> pointOf(String stepName) {
        DagLayout layout = viewport.layout();
        DagLayout.Box box = layout == null ? null : layout.nodes().get(stepName);
        if (box == null) {
            return Optional.empty();
        }
        return Optional.of(new Point2D(viewport.toViewX(box.centerX()), viewport.toViewY(box.y() + box.height() / 2)));
    }

    /** The state a step's node is painted with, or empty while the layout is computed (for tests). */
    public Optional<DagModel.NodeState> shownState(String stepName) {
        int index = viewport.indexOf(stepName);
        return index < 0 ? Optional.empty() : Optional.ofNullable(painter.state(index));
    }

    /** The node painted as selected, or empty (for tests). */
    public Optional<String> highlightedStep() {
        int index = selectedIndex();
        return index < 0 ? Optional.empty() : Optional.of(viewport.nodeId(index));
    }

    /** Paints now rather than at the next pulse; the canvas holds the frame. */
    public void paintNow() {
        paintQueued = false;
        painter.paint(canvas.getGraphicsContext2D(), viewport, selectedIndex(), hovered);
        childMarkers.place(this::topRightOf, getWidth(), getHeight());
    }

    /** On the top edge of a step's node, near its right end, as the pan and zoom place it: clear of the edges. */
    private Optional<Point2D> topRightOf(String stepName) {
        DagLayout layout = viewport.layout();
        DagLayout.Box box = layout == null ? null : layout.nodes().get(stepName);
        if (box == null) {
            return Optional.empty();
        }
        return Optional.of(new Point2D(viewport.toViewX(box.x() + box.width()) - 8, viewport.toViewY(box.y())));
    }

    @Override
    protected void requestPaint() {
        if (!paintQueued) {
            paintQueued = true;
            Platform.runLater(() -> {
                if (paintQueued) {
                    paintNow();
                }
            });
        }
    }

    private int selectedIndex() {
        String node = DagModel.nodeOf(selectedStep.get());
        return node == null ? -1 : viewport.indexOf(node);
    }

    private void requestLayoutOf(DagModel.Structure next) {
        DagLayout ready = cache.ready(next);
        if (ready != null) {
            apply(ready);
            return;
        }
        // the old graph is not this flow's: show none rather than answer clicks with its steps
        apply(null);
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
            apply(result);
            applyStates();
        }));
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void apply(DagLayout result) {
        status.setVisible(false);
        hovered = -1;
        tooltip.hide();
        viewport.setLayout(result);
        painter.clearStates();
        requestPaint();
    }

    private void applyStates() {
        if (states == null || viewport.layout() == null) {
            return;
        }
        painter.setStates(viewport, states.states());
        requestPaint();
    }

    // ---- input ----

    private void onPressed(MouseEvent e) {
        requestFocus();
        drag.press(e);
        tooltip.hide();
    }

    private void onDragged(MouseEvent e) {
        drag.drag(e, this::panBy);
    }

    private void onReleased(MouseEvent e) {
        if (drag.dragged() || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        selectedStep.set(stepAt(e.getX(), e.getY()).orElse(null));
    }

    private void onMoved(MouseEvent e) {
        hover(stepAt(e.getX(), e.getY()).map(viewport::indexOf).orElse(-1), e);
    }

    private void hover(int node, MouseEvent e) {
        if (node != hovered) {
            hovered = node;
            requestPaint();
        }
        DagModel.NodeState state = node < 0 ? null : painter.state(node);
        if (state == null) {
            tooltip.hide();
            return;
        }
        tooltip.setText(state.title() + "\n" + state.subtitle());
        if (!tooltip.isShowing()) {
            tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
        } else {
            tooltip.setAnchorX(e.getScreenX() + 14);
            tooltip.setAnchorY(e.getScreenY() + 14);
        }
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
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(Math.max(1, w));
        canvas.setHeight(Math.max(1, h));
        viewport.setSize(w, h);
        status.autosize();
        status.relocate((w - status.getWidth()) / 2, (h - status.getHeight()) / 2);
        fitButton.autosize();
        fitButton.relocate(8, 6);
        paintNow();
    }
}
