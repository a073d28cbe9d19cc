package dev.reprise.ui.gantt;

import dev.reprise.flow.Flow;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.workspace.RunDetail;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.util.Duration;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Gantt chart of one run: a row per step instance, a bar per attempt. {@link #show} is called with the
 * run's latest detail whenever it changes; it updates the model and asks for one repaint at the next
 * pulse. {@link #selectedStepProperty()} is the step instance id the user selected (shared with the DAG
 * and the details pane; a collapsed fan-out selects its step name). Wheel zooms around the pointer,
 * Shift+wheel scrolls rows, Ctrl+wheel changes the row height, drag pans, {@code +}/{@code -} zoom,
 * arrows pan and move the selection, {@code 0} fits. A screen reader reads it as a list of its rows shown, the
 * selected one its focus item. FX thread only.
 */
public final class GanttView extends ChartRegion {

    /** A bar narrower than this many pixels is still clicked as if it were this wide. */
    public static final double MIN_HIT_WIDTH = 6;

    private final ObjectProperty<String> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final GanttModel model = new GanttModel();
    private final GanttPainter painter = new GanttPainter(palette());
    private final Canvas canvas = new Canvas();
    private final ChildRunMarkers childMarkers = new ChildRunMarkers(getChildren(), StepRun::stepId, false);
    private final ChartDrag drag = new ChartDrag();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Button fitButton = new Button("Fit");
    private final Tooltip tooltip = new Tooltip();
    private final AnimationTimer liveTimer;
    private Clock clock = Clock.systemDefaultZone();
    private boolean paintQueued;
    private boolean timerRunning;
    private boolean runLive;
    private int selectedRow = -1;
    private double labelWidth = 180;
    private int labelledRows = -1;
    private boolean syncingScrollBar;
    /** When "now" last moved on, by the live timer or by a batch of the run: each is followed by a frame. */
    private long nowMovedAt;
    private long framesPainted;

    public GanttView() {
        super("Gantt chart");
        getStyleClass().addAll("reprise-chart", "gantt-view");
        setFocusTraversable(true);
        setMinSize(200, 120);
        setPrefSize(900, 500);
        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.valueProperty().addListener((obs, was, now) -> {
            if (!syncingScrollBar) {
                model.scrollTo(now.doubleValue());
                requestPaint();
            }
        });
        fitButton.getStyleClass().add("gantt-fit");
        fitButton.setFocusTraversable(false);
        fitButton.setOnAction(e -> zoomToFit());
        fitButton.setAccessibleText("Fit the whole run in view");
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(480);
        getChildren().addAll(canvas, scrollBar, fitButton);
        liveTimer = new AnimationTimer() {
            @Override
            public void handle(long pulseNanos) {
                // bars grow at 30 frames a second at least; a run's batches may already paint that often
                if (clock.millis() - nowMovedAt >= 33) {
                    moveNowOn();
                    paintNow();
                }
            }
        };
        selectedStep.addListener((obs, was, now) -> {
            selectedRow = rowOfSelection();
            if (selectedRow >= 0) {
                model.reveal(selectedRow);
            }
            describe(selectedStep.get());
            requestPaint();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tooltip.hide());
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(ZoomEvent.ZOOM, e -> {
            model.zoomAround(e.getX() - labelWidth, e.getZoomFactor());
            requestPaint();
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        sceneProperty().addListener((obs, was, now) -> {
            if (now == null) {
                stopTimer();
            } else if (runLive) {
                startTimer();
            }
        });
    }

    /** Shows the run's latest state: cheap enough to call many times a second while it runs. */
    public void show(RunDetail run, Flow flow) {
        moveNowOn();
        model.update(run, flow);
        childMarkers.show(run.steps());
        description().show(run.run(), run.steps());
        shown(run.run());
    }

    /**
     * Shows the run's latest state given the step runs that changed since the detail last shown, which
     * costs what the changes cost: what a run growing live calls on every batch of its events.
     */
    public void show(Run run, Supplier<RunDetail> detail, Flow flow, Collection<StepRun> changed) {
        moveNowOn();
        model.apply(run, detail, flow, changed);
        childMarkers.apply(changed);
        if (description().follows(run.id())) {
            description().apply(changed);
        } else {
            description().show(run, detail.get().steps());
        }
        shown(run);
    }

    private void moveNowOn() {
        nowMovedAt = clock.millis();
        model.setNow(nowMovedAt);
    }

    private void shown(Run run) {
        if (model.rowCount() != labelledRows) {
            labelledRows = model.rowCount();
            labelWidth = labelWidthFor(model);
            requestLayout();
        }
        selectedRow = rowOfSelection();
        describe(selectedStep.get());
        runLive = !run.state().isTerminal() || model.isLive();
        if (runLive) {
            startTimer();
        } else {
            stopTimer();
        }
        requestPaint();
    }

    @Override
    public ObjectProperty<String> selectedStepProperty() {
        return selectedStep;
    }

    @Override
    protected int accessibleItemCount() {
        return model.rowCount();
    }

    @Override
    protected String accessibleItemStep(int index) {
        return model.row(index).id();
    }

    @Override
    protected int accessibleSelectedItem() {
        return selectedRow;
    }

    @Override
    protected Bounds accessibleItemBounds(int index) {
        return new BoundingBox(0, GanttPainter.AXIS_HEIGHT + model.rowTop(index), canvas.getWidth(), model.rowHeight());
    }

    /** A fan-out's group row also says whether its instances are shown: Enter or Space toggles them. */
    @Override
    protected String accessibleItemText(int index) {
        GanttRows.Row row = model.row(index);
        String text = super.accessibleItemText(index);
        return row.kind() != GanttRows.RowKind.GROUP || row.instances() == 0 ? text
                : text + (row.expanded() ? ", expanded" : ", collapsed");
    }

    /** What the child-run marker after a step that started other runs does: opens the run it is given. */
    public void setOnOpenRun(Consumer<String> handler) {
        childMarkers.setOnOpen(handler);
    }

    /** The markers of the runs the steps started (for tests). */
    public ChildRunMarkers childMarkers() {
        return childMarkers;
    }

    /** Shows the whole run: all of its time, and all rows (as an overview if there are many). */
    public void zoomToFit() {
        model.fit();
        requestPaint();
    }

    /** Zooms the time axis by {@code factor} (> 1 zooms in) around the middle of the plot. */
    public void zoom(double factor) {
        model.zoomAround(model.width() / 2, factor);
        requestPaint();
    }

    /** Expands or collapses a fan-out step's instances. */
    public void setExpanded(String stepName, boolean expanded) {
        model.setExpanded(stepName, expanded);
        selectedRow = rowOfSelection();
        requestPaint();
    }

    /**
     * The point of this view where the row of {@code stepId} meets time {@code epochMillis}, or empty if the
     * row is not shown; what a click there hits (for tests that click as a person would).
     */
    public Optional<Point2D> pointAt(String stepId, long epochMillis) {
        int row = model.indexOf(stepId);
        if (row < 0) {
            return Optional.empty();
        }
        return Optional.of(new Point2D(labelWidth + model.timeToX(epochMillis),
                GanttPainter.AXIS_HEIGHT + model.rowTop(row) + model.rowHeight() / 2));
    }

    /**
     * The step under ({@code x}, {@code y}) in this view's coordinates, as a click there would select it: a row's
     * label, or a bar in the plot. A context menu asks before it shows, as only a primary click selects.
     */
    public Optional<String> stepAt(double x, double y) {
        double plotY = y - GanttPainter.AXIS_HEIGHT;
        int index = model.rowAt(plotY);
        if (x < labelWidth) {
            return index < 0 ? Optional.empty() : Optional.of(model.row(index).id());
        }
        return model.hitTest(x - labelWidth, plotY, MIN_HIT_WIDTH).filter(h -> h.bar() != null)
                .map(h -> h.row().id());
    }

    /** How many frames this view has painted (for tests and benchmarks that wait for a picture). */
    public long framesPainted() {
        return framesPainted;
    }

    /** The model behind the picture (for tests and benchmarks). */
    public GanttModel model() {
        return model;
    }

    /** The time source of the "now" line and growing bars. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** Width of the row label column, in pixels. */
    public double labelWidth() {
        return labelWidth;
    }

    /** Paints now rather than at the next pulse; returns nothing, the canvas holds the frame. */
    public void paintNow() {
        paintQueued = false;
        framesPainted++;
        painter.paint(canvas.getGraphicsContext2D(), model, canvas.getWidth(), canvas.getHeight(), labelWidth,
                selectedRow, runLive);
        syncScrollBar();
        childMarkers.place(this::afterBar, canvas.getWidth(), getHeight());
    }

    /** Just after the end of a step instance's last bar (or its label, before it has one), on its row. */
    private Optional<Point2D> afterBar(String stepId) {
        int index = model.indexOf(stepId);
        if (index < 0 || index >= model.rowCount()) {
            return Optional.empty();
        }
        double y = GanttPainter.AXIS_HEIGHT + model.rowTop(index) + model.rowHeight() / 2;
        if (y < GanttPainter.AXIS_HEIGHT) {
            return Optional.empty();
        }
        List<GanttRows.Bar> bars = model.row(index).bars();
        double x = bars.isEmpty() ? 0 : model.timeToX(model.endOf(bars.getLast()));
        return Optional.of(new Point2D(labelWidth + Math.max(0, x) + 6, y));
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

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double bar = scrollBar.isVisible() ? scrollBar.prefWidth(-1) : 0;
        canvas.setWidth(Math.max(1, w - bar));
        canvas.setHeight(Math.max(1, h));
        scrollBar.resizeRelocate(w - bar, GanttPainter.AXIS_HEIGHT, bar, Math.max(0, h - GanttPainter.AXIS_HEIGHT));
        fitButton.autosize();
        fitButton.relocate(6, (GanttPainter.AXIS_HEIGHT - fitButton.getHeight()) / 2);
        model.setViewport(canvas.getWidth() - labelWidth, h - GanttPainter.AXIS_HEIGHT);
        paintNow();
    }

    private void syncScrollBar() {
        double max = Math.max(0, model.contentHeight() - model.height());
        boolean needed = max > 0;
        if (scrollBar.isVisible() != needed) {
            scrollBar.setVisible(needed);
            requestLayout();
        }
        syncingScrollBar = true;
        scrollBar.setMax(max);
        scrollBar.setVisibleAmount(max * model.height() / Math.max(1, model.contentHeight()));
        scrollBar.setUnitIncrement(model.rowHeight());
        scrollBar.setBlockIncrement(model.height());
        scrollBar.setValue(model.scrollY());
        syncingScrollBar = false;
    }

    private static double labelWidthFor(GanttModel model) {
        int longest = 4;
        for (GanttRows.Row row : model.rows()) {
            longest = Math.max(longest, GanttText.rowLabel(row).length() + row.depth() * 2);
        }
        return Math.max(140, Math.min(300, 44 + longest * 7.2));
    }

    private int rowOfSelection() {
        return model.rowOfSelection(selectedStep.get());
    }

    private void startTimer() {
        if (!timerRunning && getScene() != null) {
            timerRunning = true;
            liveTimer.start();
        }
    }

    private void stopTimer() {
        if (timerRunning) {
            timerRunning = false;
            liveTimer.stop();
        }
    }

    // ---- input ----

    private void onPressed(MouseEvent e) {
        requestFocus();
        drag.press(e);
        tooltip.hide();
    }

    private void onDragged(MouseEvent e) {
        drag.drag(e, (dx, dy) -> {
            model.panBy(dx);
            model.scrollBy(-dy);
            requestPaint();
        });
    }

    private void onReleased(MouseEvent e) {
        if (drag.dragged() || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double y = e.getY() - GanttPainter.AXIS_HEIGHT;
        int index = model.rowAt(y);
        if (e.getX() < labelWidth) {
            if (index < 0) {
                return;
            }
            GanttRows.Row row = model.row(index);
            if (row.kind() == GanttRows.RowKind.GROUP && (e.getX() < 20 + row.depth() * 14 || e.getClickCount() == 2)) {
                setExpanded(row.stepName(), !row.expanded());
            }
            selectedStep.set(row.id());
            return;
        }
        Optional<GanttModel.Hit> hit = model.hitTest(e.getX() - labelWidth, y, MIN_HIT_WIDTH);
        selectedStep.set(hit.filter(h -> h.bar() != null).map(h -> h.row().id()).orElse(null));
    }

    private void onMoved(MouseEvent e) {
        Optional<GanttModel.Hit> hit = e.getX() < labelWidth ? Optional.empty()
                : model.hitTest(e.getX() - labelWidth, e.getY() - GanttPainter.AXIS_HEIGHT, MIN_HIT_WIDTH)
                .filter(h -> h.bar() != null);
        if (hit.isEmpty()) {
            tooltip.hide();
            return;
        }
        tooltip.setText(GanttText.tooltip(hit.get(), model.now(), ZoneId.systemDefault()));
        if (!tooltip.isShowing()) {
            tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
        } else {
            tooltip.setAnchorX(e.getScreenX() + 14);
            tooltip.setAnchorY(e.getScreenY() + 14);
        }
    }

    private void onScroll(ScrollEvent e) {
        double x = e.getX() - labelWidth;
        double y = e.getY() - GanttPainter.AXIS_HEIGHT;
        if (e.isShortcutDown() || e.isControlDown()) {
            model.zoomRowsAround(y, Math.pow(1.004, e.getDeltaY()));
        } else if (e.isShiftDown()) {
            model.scrollBy(-(e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX()));
        } else if (e.getTouchCount() > 0 || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            model.panBy(e.getDeltaX());
            model.scrollBy(-e.getDeltaY());
        } else {
            model.zoomAround(Math.max(0, x), Math.pow(1.004, e.getDeltaY()));
        }
        requestPaint();
        e.consume();
    }

    private void onKey(KeyEvent e) {
        double step = model.width() / 10;
        switch (e.getCode()) {
            case PLUS, ADD, EQUALS -> zoom(1.25);
            case MINUS, SUBTRACT -> zoom(0.8);
            case DIGIT0, NUMPAD0 -> zoomToFit();
            case LEFT -> model.panBy(step);
            case RIGHT -> model.panBy(-step);
            case UP, DOWN -> {
                if (e.isShiftDown()) {
                    model.scrollBy(e.getCode() == KeyCode.UP ? -model.rowHeight() : model.rowHeight());
                } else {
                    moveSelection(e.getCode() == KeyCode.UP ? -1 : 1);
                }
            }
            case PAGE_UP -> model.scrollBy(-model.height());
            case PAGE_DOWN -> model.scrollBy(model.height());
            case HOME -> model.scrollTo(0);
            case END -> model.scrollTo(model.contentHeight());
            case ENTER, SPACE -> {
                if (selectedRow >= 0 && model.row(selectedRow).kind() == GanttRows.RowKind.GROUP) {
                    GanttRows.Row row = model.row(selectedRow);
                    setExpanded(row.stepName(), !row.expanded());
                }
            }
            default -> {
                return;
            }
        }
        requestPaint();
        e.consume();
    }

    private void moveSelection(int delta) {
        if (model.rowCount() == 0) {
            return;
        }
        int next = selectedRow < 0 ? model.firstVisibleRow() : Math.max(0, Math.min(model.rowCount() - 1, selectedRow + delta));
        selectedStep.set(model.row(next).id());
    }
}
