package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.ChartPalette;
import dev.reprise.ui.gantt.TestRuns;
import javafx.collections.FXCollections;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.PickResult;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

@ExtendWith(ApplicationExtension.class)
class DagViewTest {

    private final Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);
    private DagView view;

    @Start
    void start(Stage stage) {
        view = new DagView();
        view.show(TestRuns.demo(8, false), flow);
        stage.setScene(new Scene(view, 900, 400));
        stage.show();
    }

    private <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }

    /** The centre of a step's node in the view, once the layout is on screen. */
    private Point2D centre(String step) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.pointOf(step).isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> view.pointOf(step).orElseThrow());
    }

    private Point2D onScreen(Point2D inView) throws Exception {
        return fx(() -> view.localToScreen(inView));
    }

    /** The colour painted at a point of the view (after the queued repaint). */
    private Color colourAt(double x, double y) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> {
            view.paintNow();
            Canvas canvas = (Canvas) view.getChildrenUnmodifiable().get(0);
            WritableImage image = canvas.snapshot(null, null);
            return image.getPixelReader().getColor((int) x, (int) y);
        });
    }

    private Color stateColour(StepState state) throws Exception {
        return fx(() -> view.palette().state(state));
    }

    private static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }

    /** A point on a node's state stripe: its left edge, a few pixels in, halfway down. */
    private Point2D stripeOf(String step) throws Exception {
        Point2D centre = centre(step);
        DagLayout.Box box = fx(() -> view.currentLayout().nodes().get(step));
        Point2D left = fx(() -> view.pointOf(step).orElseThrow()
                .subtract(box.width() / 2 * scale(), 0));
        return new Point2D(left.getX() + 2.5 * scale(), centre.getY());
    }

    private double scale() throws Exception {
        Point2D a = fx(() -> view.pointOf("extract").orElseThrow());
        DagLayout.Box box = fx(() -> view.currentLayout().nodes().get("extract"));
        Point2D b = fx(() -> view.pointOf("parse").orElseThrow());
        DagLayout.Box other = fx(() -> view.currentLayout().nodes().get("parse"));
        return (b.getX() - a.getX()) / (other.centerX() - box.centerX());
    }

    @Test
    void clickingANodeSelectsItsStep(FxRobot robot) throws Exception {
        robot.clickOn(onScreen(centre("parse")));
        assertThat(view.selectedStepProperty().get()).isEqualTo("parse");
        // a collapsed fan-out selects its step name
        robot.clickOn(onScreen(centre("count")));
        assertThat(view.selectedStepProperty().get()).isEqualTo("count");
    }

    @Test
    void clickingTheBackgroundClearsTheSelection(FxRobot robot) throws Exception {
        robot.clickOn(onScreen(centre("parse")));
        assertThat(view.selectedStepProperty().get()).isEqualTo("parse");

        robot.clickOn(onScreen(new Point2D(view.getWidth() - 4, view.getHeight() - 4)));
        assertThat(view.selectedStepProperty().get()).isNull();
    }

    @Test
    void draggingPansTheGraphAndSelectsNothing(FxRobot robot) throws Exception {
        Point2D before = centre("parse");
        Point2D from = onScreen(new Point2D(view.getWidth() / 2, view.getHeight() - 10));

        robot.drag(from, MouseButton.PRIMARY).moveBy(60, -30).drop();
        WaitForAsyncUtils.waitForFxEvents();

        Point2D after = fx(() -> view.pointOf("parse").orElseThrow());
        assertThat(after.getX() - before.getX()).isCloseTo(60, offset(2.0));
        assertThat(after.getY() - before.getY()).isCloseTo(-30, offset(2.0));
        assertThat(view.selectedStepProperty().get()).isNull();
    }

    @Test
    void anInstanceSelectedElsewhereHighlightsItsFanOutNode() throws Exception {
        Point2D count = centre("count");
        DagLayout.Box box = fx(() -> view.currentLayout().nodes().get("count"));
        // the top edge of the node, where the selection's outline is drawn
        double top = count.getY() - box.height() / 2 * scale();
        Color selection = fx(() -> view.palette().get(ChartPalette.SELECTION));
        assertThat(distance(colourAt(count.getX(), top + 0.5), selection)).isGreaterThan(0.3);

        fx(() -> {
            view.selectedStepProperty().set("count[3]");
            return null;
        });

        assertThat(fx(() -> view.highlightedStep())).contains("count");
        assertThat(distance(colourAt(count.getX(), top + 0.5), selection)).isLessThan(0.15);
    }

    @Test
    void aNewerDetailRecoloursWithoutANewLayout() throws Exception {
        Point2D stripe = stripeOf("report");
        DagLayout before = fx(() -> view.currentLayout());
        assertThat(fx(() -> view.shownState("report")).map(DagModel.NodeState::state)).contains(StepState.RUNNING);
        assertThat(distance(colourAt(stripe.getX(), stripe.getY()), stateColour(StepState.RUNNING))).isLessThan(0.05);

        fx(() -> {
            view.show(TestRuns.demo(8, true), TestRuns.flow(TestRuns.DEMO_FLOW));
            return null;
        });

        assertThat(fx(() -> view.currentLayout())).isSameAs(before);
        assertThat(fx(() -> view.shownState("report")).map(DagModel.NodeState::state)).contains(StepState.SUCCEEDED);
        assertThat(distance(colourAt(stripe.getX(), stripe.getY()), stateColour(StepState.SUCCEEDED))).isLessThan(0.05);
    }

    @Test
    void aLiveBatchRecoloursTheNodesOfItsStepsWithoutReadingTheRun() throws Exception {
        Point2D stripe = stripeOf("report");
        DagLayout before = fx(() -> view.currentLayout());
        DagModel.NodeState extract = fx(() -> view.shownState("extract")).orElseThrow();
        StepRun reportEnded = TestRuns.step("report", StepState.SUCCEEDED, TestRuns.ok(1, 5_000, 5_050, 6_000));

        fx(() -> {
            view.show(() -> {
                throw new AssertionError("a live batch of a known flow reads the changed step runs alone");
            }, flow, List.of(reportEnded));
            return null;
        });

        assertThat(fx(() -> view.currentLayout())).isSameAs(before);
        assertThat(fx(() -> view.shownState("report")).map(DagModel.NodeState::state)).contains(StepState.SUCCEEDED);
        assertThat(fx(() -> view.shownState("extract"))).containsSame(extract);
        assertThat(distance(colourAt(stripe.getX(), stripe.getY()), stateColour(StepState.SUCCEEDED))).isLessThan(0.05);
    }

    @Test
    void stepAtANodesCentreAnswersItsStepAndTheBackgroundNothing() throws Exception {
        Point2D parse = centre("parse");
        Point2D count = centre("count");

        assertThat(fx(() -> view.stepAt(parse.getX(), parse.getY()))).contains("parse");
        assertThat(fx(() -> view.stepAt(count.getX(), count.getY()))).contains("count");
        assertThat(fx(() -> view.stepAt(2, view.getHeight() - 2))).isEmpty();
        assertThat(fx(() -> view.stepAt(-5, parse.getY()))).isEmpty();
    }

    @Test
    void stepAtFollowsTheZoomAndPan() throws Exception {
        Point2D before = centre("parse");
        fx(() -> {
            view.zoomAround(100, 100, 1.7);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Point2D after = fx(() -> view.pointOf("parse").orElseThrow());

        assertThat(after).isNotEqualTo(before);
        assertThat(fx(() -> view.stepAt(after.getX(), after.getY()))).contains("parse");
    }

    @Test
    void theFitButtonIsNotANode() throws Exception {
        centre("extract");
        fx(() -> {
            // bring extract under the Fit button in the top-left corner
            Point2D extract = view.pointOf("extract").orElseThrow();
            view.panBy(20 - extract.getX(), 30 - extract.getY());
            return null;
        });

        assertThat(fx(() -> view.stepAt(20, 16))).isEmpty();
        assertThat(fx(() -> view.stepAt(20, 45))).contains("extract");
    }

    @Test
    void aContextMenuRequestOnANodeFindsItsStepFromTheEventsCoordinates() throws Exception {
        AtomicReference<Optional<String>> found = new AtomicReference<>();
        Point2D extract = centre("extract");
        fx(() -> {
            view.setOnContextMenuRequested(e -> found.set(view.stepAt(e.getX(), e.getY())));
            // Monocle makes no context-menu request of a secondary click: raise the one the platform would,
            // at the node's centre, with the pick result of the canvas it is painted on
            Point2D scene = view.localToScene(extract);
            Node canvas = view.getChildrenUnmodifiable().get(0);
            Event.fireEvent(canvas, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(),
                    scene.getY(), 0, 0, false, new PickResult(canvas, scene.getX(), scene.getY())));
            return null;
        });

        assertThat(found.get()).contains("extract");
    }

    @Test
    void theGraphIsNamedForScreenReadersAndItsTextIsTheSelectedStep(FxRobot robot) throws Exception {
        String chart = "Step graph of run r-test: 11 steps, 1 running, 10 succeeded";
        assertThat(fx(view::getAccessibleRole)).isEqualTo(AccessibleRole.LIST_VIEW);
        assertThat(fx(view::getAccessibleRoleDescription)).isEqualTo("Step graph");
        assertThat(fx(view::getAccessibleHelp)).isEqualTo(chart);
        assertThat(fx(view::getAccessibleText)).isEqualTo(chart);

        robot.clickOn(onScreen(centre("parse")));
        assertThat(view.selectedStepProperty().get()).isEqualTo("parse");
        assertThat(fx(view::getAccessibleText)).isEqualTo("Step parse: succeeded after 980 ms, attempt 1");
        assertThat(fx(() -> view.queryAccessibleAttribute(AccessibleAttribute.TEXT)))
                .isEqualTo("Step parse: succeeded after 980 ms, attempt 1");

        robot.clickOn(onScreen(centre("count")));
        assertThat(fx(view::getAccessibleText)).isEqualTo("Step count: 8 instances, 8 succeeded");

        fx(() -> {
            view.selectedStepProperty().set("report");
            return null;
        });
        StepRun reportEnded = TestRuns.step("report", StepState.SUCCEEDED, TestRuns.ok(1, 5_000, 5_050, 6_000));
        fx(() -> {
            view.show(() -> {
                throw new AssertionError("a live batch of a known flow reads the changed step runs alone");
            }, flow, List.of(reportEnded));
            return null;
        });
        assertThat(fx(view::getAccessibleText)).isEqualTo("Step report: succeeded after 950 ms, attempt 1");
        assertThat(fx(view::getAccessibleHelp)).isEqualTo("Step graph of run r-test: 11 steps, 11 succeeded");
    }
    private Object ask(Node node, AccessibleAttribute attribute, Object... parameters) throws Exception {
        return fx(() -> node.queryAccessibleAttribute(attribute, parameters));
    }

    @Test
    void toAScreenReaderTheGraphIsAListOfItsNodesWhoseFocusItemIsTheSelectedStep(FxRobot robot) throws Exception {
        robot.clickOn(onScreen(centre("count")));
        assertThat(view.selectedStepProperty().get()).isEqualTo("count");

        assertThat(ask(view, AccessibleAttribute.ROLE)).isEqualTo(AccessibleRole.LIST_VIEW);
        assertThat(ask(view, AccessibleAttribute.ITEM_COUNT)).as("a node per step").isEqualTo(4);
        Node focus = (Node) ask(view, AccessibleAttribute.FOCUS_ITEM);
        assertThat(ask(focus, AccessibleAttribute.ROLE)).isEqualTo(AccessibleRole.LIST_ITEM);
        assertThat(ask(focus, AccessibleAttribute.TEXT))
                .isEqualTo("Step count: 8 instances, 8 succeeded; after parse");
        assertThat(ask(focus, AccessibleAttribute.SELECTED)).isEqualTo(true);
        assertThat(ask(view, AccessibleAttribute.SELECTED_ITEMS)).isEqualTo(List.of(focus));
        Bounds node = (Bounds) ask(focus, AccessibleAttribute.BOUNDS);
        assertThat(node.contains(onScreen(centre("count")))).as("the item is where its node is drawn").isTrue();

        fx(() -> {
            view.selectedStepProperty().set("count[1]");
            return null;
        });
        assertThat(ask((Node) ask(view, AccessibleAttribute.FOCUS_ITEM), AccessibleAttribute.INDEX))
                .as("an instance selected elsewhere is its fan-out's node").isEqualTo(ask(focus, AccessibleAttribute.INDEX));

        int reportIndex = fx(() -> {
            for (int i = 0; i < 4; i++) {
                Node item = (Node) view.queryAccessibleAttribute(AccessibleAttribute.ITEM_AT_INDEX, i);
                if (String.valueOf(item.queryAccessibleAttribute(AccessibleAttribute.TEXT)).startsWith("Step report")) {
                    return i;
                }
            }
            return -1;
        });
        Node report = (Node) ask(view, AccessibleAttribute.ITEM_AT_INDEX, reportIndex);
        assertThat(ask(report, AccessibleAttribute.TEXT)).asString().startsWith("Step report: running since ")
                .endsWith(", attempt 1; after count");
        fx(() -> {
            view.executeAccessibleAction(AccessibleAction.SET_SELECTED_ITEMS, FXCollections.observableArrayList(report));
            return null;
        });
        assertThat(view.selectedStepProperty().get()).as("a reader selects an item").isEqualTo("report");
    }
}
