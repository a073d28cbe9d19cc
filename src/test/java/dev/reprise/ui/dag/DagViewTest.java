package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.TestRuns;
import javafx.css.PseudoClass;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

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

    private Region node(String step) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.nodeView(step) != null));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> view.nodeView(step));
    }

    @Test
    void clickingANodeSelectsItsStep(FxRobot robot) throws Exception {
        robot.clickOn(node("parse"));
        assertThat(view.selectedStepProperty().get()).isEqualTo("parse");
        // a collapsed fan-out selects its step name
        robot.clickOn(node("count"));
        assertThat(view.selectedStepProperty().get()).isEqualTo("count");
    }

    @Test
    void anInstanceSelectedElsewhereHighlightsItsFanOutNode() throws Exception {
        Region count = node("count");
        fx(() -> {
            view.selectedStepProperty().set("count[3]");
            return null;
        });
        assertThat(count.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("selected"));
    }

    @Test
    void aNewerDetailRecoloursWithoutANewLayout() throws Exception {
        Region report = node("report");
        DagLayout before = fx(() -> view.currentLayout());
        assertThat(report.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("running"));
        fx(() -> {
            view.show(TestRuns.demo(8, true), TestRuns.flow(TestRuns.DEMO_FLOW));
            return null;
        });
        assertThat(fx(() -> view.currentLayout())).isSameAs(before);
        assertThat(fx(() -> view.nodeView("report"))).isSameAs(report);
        assertThat(report.getPseudoClassStates())
                .contains(PseudoClass.getPseudoClass(StepState.SUCCEEDED.name().toLowerCase()))
                .doesNotContain(PseudoClass.getPseudoClass("running"));
    }

    private Point2D centreInView(Region node) throws Exception {
        return fx(() -> view.sceneToLocal(node.localToScene(node.getWidth() / 2, node.getHeight() / 2)));
    }

    @Test
    void stepAtANodesCentreAnswersItsStepAndTheBackgroundNothing() throws Exception {
        Point2D parse = centreInView(node("parse"));
        Point2D count = centreInView(node("count"));

        assertThat(fx(() -> view.stepAt(parse.getX(), parse.getY()))).contains("parse");
        assertThat(fx(() -> view.stepAt(count.getX(), count.getY()))).contains("count");
        assertThat(fx(() -> view.stepAt(2, view.getHeight() - 2))).isEmpty();
        assertThat(fx(() -> view.stepAt(-5, parse.getY()))).isEmpty();
    }

    @Test
    void stepAtFollowsTheZoomAndPan() throws Exception {
        Region parse = node("parse");
        fx(() -> {
            view.zoomAround(100, 100, 1.7);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Point2D centre = centreInView(parse);

        assertThat(fx(() -> view.stepAt(centre.getX(), centre.getY()))).contains("parse");
    }

    @Test
    void aContextMenuRequestOnANodeFindsItsStepFromTheEventsCoordinates() throws Exception {
        AtomicReference<Optional<String>> found = new AtomicReference<>();
        Region extract = node("extract");
        fx(() -> {
            view.setOnContextMenuRequested(e -> found.set(view.stepAt(e.getX(), e.getY())));
            // Monocle makes no context-menu request of a secondary click: raise the one the platform would,
            // at the node's centre, with the pick result of the node's title
            Point2D scene = extract.localToScene(extract.getWidth() / 2, extract.getHeight() / 2);
            Node title = extract.getChildrenUnmodifiable().get(0);
            Event.fireEvent(title, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(),
                    scene.getY(), 0, 0, false, new PickResult(title, scene.getX(), scene.getY())));
            return null;
        });

        assertThat(found.get()).contains("extract");
    }
}
