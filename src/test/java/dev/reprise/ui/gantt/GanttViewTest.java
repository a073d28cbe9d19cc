package dev.reprise.ui.gantt;

import dev.reprise.flow.Flow;
import dev.reprise.run.AttemptState;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.common.StatePalette;
import dev.reprise.workspace.RunDetail;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.reprise.ui.gantt.TestRuns.at;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class GanttViewTest {

    private final Flow flow = TestRuns.flow(TestRuns.DEMO_FLOW);
    private GanttView view;

    @Start
    void start(Stage stage) {
        view = new GanttView();
        view.setClock(Clock.fixed(at(5_500), ZoneOffset.UTC));
        view.show(TestRuns.demo(3, false), flow);
        stage.setScene(new Scene(view, 900, 400));
        stage.show();
    }

    private <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }

    /** The screen point of row {@code id} at {@code millis} after the run's start. */
    private Point2D screenPoint(String id, long millis) throws Exception {
        return fx(() -> view.localToScreen(localPoint(id, millis)));
    }

    private Point2D localPoint(String id, long millis) {
        GanttModel model = view.model();
        int row = model.indexOf(id);
        double x = view.labelWidth() + model.timeToX(at(millis).toEpochMilli());
        double y = GanttPainter.AXIS_HEIGHT + model.rowTop(row) + model.rowHeight() / 2;
        return new Point2D(x, y);
    }

    private Color pixel(Point2D local) throws Exception {
        return fx(() -> {
            view.paintNow();
            WritableImage image = view.snapshot(null, null);
            return image.getPixelReader().getColor((int) local.getX(), (int) local.getY());
        });
    }

    @Test
    void theChartIsNamedForScreenReadersByTheRunItShows() throws Exception {
        String chart = "Gantt chart of run r-test: 6 steps, 1 running, 5 succeeded";
        assertThat(fx(view::getAccessibleRole)).isEqualTo(AccessibleRole.LIST_VIEW);
        assertThat(fx(view::getAccessibleRoleDescription)).isEqualTo("Gantt chart");
        assertThat(fx(view::getAccessibleHelp)).isEqualTo(chart);
        assertThat(fx(view::getAccessibleText)).as("nothing selected: the chart").isEqualTo(chart);
        assertThat(fx(() -> view.queryAccessibleAttribute(AccessibleAttribute.TEXT))).isEqualTo(chart);
    }

    @Test
    void theSelectedStepIsTheAccessibleTextAndFollowsTheSelectionAndTheRun(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(screenPoint("parse", 1_500));
        assertThat(fx(view::getAccessibleText)).isEqualTo("Step parse: succeeded after 980 ms, attempt 1");
        assertThat(fx(() -> view.queryAccessibleAttribute(AccessibleAttribute.TEXT)))
                .as("what a screen reader asks").isEqualTo("Step parse: succeeded after 980 ms, attempt 1");

        fx(() -> {
            view.selectedStepProperty().set("count[1]");
            return null;
        });
        assertThat(fx(view::getAccessibleText)).isEqualTo("Step count[1]: succeeded after 750 ms, attempt 2");
        fx(() -> {
            view.selectedStepProperty().set("count");
            return null;
        });
        assertThat(fx(view::getAccessibleText)).isEqualTo("Step count: 3 instances, 3 succeeded");

        fx(() -> {
            view.selectedStepProperty().set("report");
            return null;
        });
        assertThat(fx(view::getAccessibleText)).startsWith("Step report: running since ").endsWith(", attempt 1");
        RunDetail ended = TestRuns.demo(3, true);
        StepRun report = ended.steps().get(ended.steps().size() - 1);
        fx(() -> {
            view.show(ended.run(), () -> ended, flow, List.of(report));
            return null;
        });
        assertThat(fx(view::getAccessibleText)).as("a live batch ends the selected step")
                .isEqualTo("Step report: succeeded after 950 ms, attempt 1");
        assertThat(fx(view::getAccessibleHelp)).isEqualTo("Gantt chart of run r-test: 6 steps, 6 succeeded");

        fx(() -> {
            view.selectedStepProperty().set(null);
            return null;
        });
        assertThat(fx(view::getAccessibleText)).isEqualTo("Gantt chart of run r-test: 6 steps, 6 succeeded");
    }

    /** What a screen reader reads of {@code node} when it asks for {@code attribute}. */
    private Object ask(Node node, AccessibleAttribute attribute, Object... parameters) throws Exception {
        return fx(() -> node.queryAccessibleAttribute(attribute, parameters));
    }

    @Test
    void toAScreenReaderTheChartIsAListOfItsRowsWhoseFocusItemIsTheSelectedStep(FxRobot robot) throws Exception {
        RunDetail failed = TestRuns.detail(RunState.FAILED,
                TestRuns.step("extract", StepState.SUCCEEDED, TestRuns.ok(1, 0, 10, 1_000)),
                TestRuns.step("parse", StepState.FAILED,
                        TestRuns.attempt(1, AttemptState.FAILED, 1_000, 1_010L, 1_500L, "bad date"),
                        TestRuns.attempt(2, AttemptState.FAILED, 2_000, 2_000L, 5_200L, "bad date")));
        fx(() -> {
            view.show(failed, flow);
            view.selectedStepProperty().set("parse");
            return null;
        });

        assertThat(ask(view, AccessibleAttribute.ROLE)).isEqualTo(AccessibleRole.LIST_VIEW);
        assertThat(ask(view, AccessibleAttribute.ITEM_COUNT)).as("extract, parse, count, report").isEqualTo(4);
        Node focus = (Node) ask(view, AccessibleAttribute.FOCUS_ITEM);
        assertThat(ask(focus, AccessibleAttribute.ROLE)).isEqualTo(AccessibleRole.LIST_ITEM);
        assertThat(ask(focus, AccessibleAttribute.TEXT)).isEqualTo("Step parse: failed after 3.2 s, attempt 2");
        assertThat(ask(focus, AccessibleAttribute.INDEX)).isEqualTo(1);
        assertThat(ask(focus, AccessibleAttribute.SELECTED)).isEqualTo(true);
        assertThat(ask(view, AccessibleAttribute.SELECTED_ITEMS)).isEqualTo(List.of(focus));
        assertThat(ask(view, AccessibleAttribute.ITEM_AT_INDEX, 1)).as("one item per row").isSameAs(focus);
        Bounds row = (Bounds) ask(focus, AccessibleAttribute.BOUNDS);
        Point2D middle = screenPoint("parse", 0);
        assertThat(row.getMinY()).isLessThan(middle.getY());
        assertThat(row.getMaxY()).isGreaterThan(middle.getY());

        Node report = (Node) ask(view, AccessibleAttribute.ITEM_AT_INDEX, 3);
        assertThat(ask(report, AccessibleAttribute.TEXT)).as("a step not reached").isEqualTo("Step report: pending");
        assertThat(ask(report, AccessibleAttribute.SELECTED)).isEqualTo(false);
        assertThat(ask(view, AccessibleAttribute.ITEM_AT_INDEX, 4)).isNull();

        fx(() -> {
            view.executeAccessibleAction(AccessibleAction.SET_SELECTED_ITEMS,
                    FXCollections.observableArrayList(report));
            return null;
        });
        assertThat(view.selectedStepProperty().get()).as("a reader selects an item").isEqualTo("report");

        robot.clickOn(screenPoint("extract", 500));
        robot.type(KeyCode.DOWN);
        assertThat(view.selectedStepProperty().get()).isEqualTo("parse");
        assertThat(ask((Node) ask(view, AccessibleAttribute.FOCUS_ITEM), AccessibleAttribute.TEXT))
                .as("the arrow keys move the item read out").isEqualTo("Step parse: failed after 3.2 s, attempt 2");
    }

    @Test
    void aFanOutsGroupRowSaysHowManyInstancesAndWhetherTheyAreShown() throws Exception {
        int group = fx(() -> view.model().indexOf("count"));
        Node item = (Node) ask(view, AccessibleAttribute.ITEM_AT_INDEX, group);
        assertThat(ask(item, AccessibleAttribute.TEXT)).isEqualTo("Step count: 3 instances, 3 succeeded, expanded");
        fx(() -> {
            view.setExpanded("count", false);
            return null;
        });
        assertThat(ask(item, AccessibleAttribute.TEXT)).isEqualTo("Step count: 3 instances, 3 succeeded, collapsed");
        assertThat(ask(view, AccessibleAttribute.FOCUS_ITEM)).as("nothing selected").isNull();
    }

    @Test
    void clickingABarSelectsItsStep(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(screenPoint("parse", 1_500));
        assertThat(view.selectedStepProperty().get()).isEqualTo("parse");

        robot.clickOn(screenPoint("count[1]", 3_000));
        assertThat(view.selectedStepProperty().get()).isEqualTo("count[1]");
    }

    @Test
    void theStepUnderAPointIsTheOneAClickThereSelects() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Point2D onBar = fx(() -> localPoint("count[1]", 3_000));
        assertThat(fx(() -> view.stepAt(onBar.getX(), onBar.getY()))).contains("count[1]");
        assertThat(fx(() -> view.stepAt(20, onBar.getY()))).as("its label").contains("count[1]");
        Point2D empty = fx(() -> localPoint("parse", 4_500));
        assertThat(fx(() -> view.stepAt(empty.getX(), empty.getY()))).isEmpty();
    }

    @Test
    void clickingEmptySpaceClearsTheSelection(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(screenPoint("parse", 1_500));
        robot.clickOn(screenPoint("parse", 4_500));
        assertThat(view.selectedStepProperty().get()).isNull();
    }

    @Test
    void aStepThatEndsInANewerDetailIsPaintedToItsEnd() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Color succeeded = fx(() -> view.palette().state(StepState.SUCCEEDED));
        Color running = fx(() -> view.palette().state(StepState.RUNNING));
        // while running, the report bar is painted as running up to "now" (5.5 s), the end of the axis
        assertThat(close(pixel(localPoint("report", 5_300)), running)).isTrue();
        assertThat(fx(() -> view.model().isLive())).isTrue();
        assertThat(fx(() -> view.model().endTime())).isEqualTo(at(5_500).toEpochMilli());

        fx(() -> {
            view.show(TestRuns.demo(3, true), flow);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.model().isLive())).isFalse();
        assertThat(fx(() -> view.model().endTime())).isEqualTo(at(6_000).toEpochMilli());
        assertThat(close(pixel(localPoint("report", 5_300)), succeeded)).isTrue();
        assertThat(close(pixel(localPoint("report", 5_900)), succeeded)).isTrue();
    }

    @Test
    void aStepNotStartedIsAMutedRowWithAHollowPlaceholderAtNow() throws Exception {
        fx(() -> {
            view.show(TestRuns.detail(dev.reprise.run.RunState.RUNNING, TestRuns.step("extract", StepState.RUNNING,
                    TestRuns.attempt(1, dev.reprise.run.AttemptState.RUNNING, 0, 10L, null, null))), flow);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.model().indexOf("report"))).isEqualTo(3);
        // the placeholder ends at the plot's right edge, where "now" is: its top edge is drawn, its inside is not
        Point2D edge = fx(() -> {
            GanttModel model = view.model();
            double rowH = model.rowHeight();
            double barH = Math.max(1, Math.round(rowH * 0.62));
            double x0 = Math.max(0, Math.min(model.width() - GanttPainter.PENDING_WIDTH,
                    model.timeToX(model.now()) + 2));
            double y = Math.round(GanttPainter.AXIS_HEIGHT + model.rowTop(3)) + Math.round((rowH - barH) / 2);
            return new Point2D(Math.round(view.labelWidth() + x0) + 1, y);
        });
        Color line = pixel(edge);
        Color inside = pixel(new Point2D(edge.getX() + 12, localPoint("report", 0).getY()));
        Color background = pixel(new Point2D(edge.getX() - 60, localPoint("report", 0).getY()));
        assertThat(close(inside, background)).as("hollow").isTrue();
        assertThat(close(line, background)).as("outlined").isFalse();
    }

    @Test
    void keysZoomAndFit(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(screenPoint("extract", 500));
        double fitted = fx(() -> view.model().msPerPixel());
        robot.type(KeyCode.EQUALS);
        assertThat(fx(() -> view.model().msPerPixel())).isLessThan(fitted);
        robot.type(KeyCode.DIGIT0);
        assertThat(fx(() -> view.model().msPerPixel())).isCloseTo(fitted, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void barsTakeTheAppsStateColoursLightOrDarkAsTheTheme() throws Exception {
        assertThat(fx(() -> view.palette().state(StepState.FAILED))).isEqualTo(StatePalette.LIGHT.color(StepState.FAILED));
        assertThat(fx(() -> view.palette().state(StepState.REUSED))).isEqualTo(StatePalette.LIGHT.color(StepState.REUSED));

        fx(() -> {
            view.getStyleClass().add("dark");
            view.applyCss();
            return null;
        });

        assertThat(fx(() -> view.palette().isDark())).isTrue();
        assertThat(fx(() -> view.palette().state(StepState.FAILED))).isEqualTo(StatePalette.DARK.color(StepState.FAILED));
        assertThat(StatePalette.DARK.color(StepState.FAILED)).isNotEqualTo(StatePalette.LIGHT.color(StepState.FAILED));
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.04 && Math.abs(a.getGreen() - b.getGreen()) < 0.04
                && Math.abs(a.getBlue() - b.getBlue()) < 0.04;
    }
}
