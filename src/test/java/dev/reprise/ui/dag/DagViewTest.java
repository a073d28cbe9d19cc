package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.TestRuns;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

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
}
