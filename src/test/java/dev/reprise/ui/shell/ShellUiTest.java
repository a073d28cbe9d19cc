package dev.reprise.ui.shell;

import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.ui.run.RunView;
import dev.reprise.workspace.BundledExamples;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window end to end, headless (Monocle): a real workspace, the real shell, a robot that clicks. Each
 * test opens its own window and closes it; the seeded workspace is shared read-only between tests.
 */
class ShellUiTest {

    /** One run of each bundled example is seeded, and the nightly example starts a training run of its own. */
    private static final int RUNS = TestWorkspaces.examples().flowFiles().size() + 1;

    @TempDir
    static Path shared;

    @TempDir
    Path own;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace workspace;
    private FxUiExecutor executor;
    private ShellView shell;
    private ShellViewModel model;

    @BeforeAll
    static void seedTheExamplesOnce() throws Exception {
        FxToolkit.registerPrimaryStage();
        try (LocalWorkspace seeded = TestWorkspaces.open(shared.resolve("ws"))) {
            TestWorkspaces.examples().seed(seeded, p -> { });
        }
    }

    private void show(Path folder, Optional<BundledExamples> examples, AtomicBoolean sawProgress) throws Exception {
        workspace = TestWorkspaces.open(folder);
        executor = new FxUiExecutor(2);
        FxToolkit.setupStage(stage -> {
            model = new ShellViewModel(workspace, executor, new Messages(), examples, ZoneOffset.UTC);
            if (sawProgress != null) {
                model.seedingProperty().addListener((o, a, seeding) -> sawProgress.compareAndSet(false, seeding));
            }
            shell = new ShellView(model);
            Scene scene = new Scene(shell, 1200, 760);
            shell.attach(scene);
            stage.setScene(scene);
            stage.show();
            model.start();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        if (shell != null) {
            FxToolkit.setupFixture(() -> shell.dispose());
        }
        FxToolkit.cleanupStages();
        if (executor != null) {
            executor.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<Run> table() {
        return robot.lookup("#runs-table").queryAs(TableView.class);
    }

    private RunView openRunView() {
        return shell.selectedRunView();
    }

    private void openRunOf(String flowId) throws Exception {
        Node cell = robot.lookup("#runs-table .table-cell").match(LabeledMatchers.hasText(flowId)).query();
        robot.clickOn(cell);
        waitUntil(() -> openRunView() != null && openRunView().model().detailProperty().get() != null
                && openRunView().model().detailProperty().get().run().flowId().equals(flowId));
    }

    private static ListView<StepRun> stepList(RunView view) {
        return view.details().stepList();
    }

    private String stepTitle() {
        return robot.lookup("#step-title").queryAs(Label.class).getText();
    }

    /** The colour the Gantt paints where row {@code stepId} meets {@code at}. */
    private static Color ganttPixel(GanttView gantt, String stepId, Instant at) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            // the snapshot lays the view out first, and a new size (a scroll bar shown, a wider label column)
            // moves the time axis: the point is found on the axis of the picture taken
            gantt.paintNow();
            WritableImage image = gantt.snapshot(null, null);
            Point2D point = gantt.pointAt(stepId, at.toEpochMilli()).orElseThrow();
            return image.getPixelReader().getColor((int) point.getX(), (int) point.getY());
        }).get();
    }

    /**
     * The colour in the middle of the bar from {@code from} to {@code to} on row {@code stepId}. A failing step may
     * run for a millisecond, a pixel of the fitted axis: the axis is zoomed around the bar until it is 40 pixels
     * wide, then fitted again.
     */
    private static Color runPixel(GanttView gantt, String stepId, Instant from, Instant to) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            gantt.paintNow();
            gantt.snapshot(null, null);
            var model = gantt.model();
            double x0 = model.timeToX(from.toEpochMilli());
            double x1 = model.timeToX(to.toEpochMilli());
            if (x1 - x0 < 40) {
                model.zoomAround((x0 + x1) / 2, 40 / Math.max(0.05, x1 - x0));
            }
            gantt.paintNow();
            WritableImage image = gantt.snapshot(null, null);
            Point2D point = gantt.pointAt(stepId, middle(from, to).toEpochMilli()).orElseThrow();
            Color color = image.getPixelReader().getColor((int) point.getX(), (int) point.getY());
            gantt.zoomToFit();
            return color;
        }).get();
    }

    private static Instant middle(Instant from, Instant to) {
        return from.plusMillis(java.time.Duration.between(from, to).toMillis() / 2);
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue()) < 0.08;
    }

    @Test
    void aFirstStartAddsTheExamplesWithProgressAndListsTheirRuns() throws Exception {
        Path examples = own.resolve("examples");
        Files.createDirectories(examples.resolve("bike_trips"));
        Files.copy(Path.of("assets", "examples", "bike_trips", "flow.yaml"), examples.resolve("bike_trips/flow.yaml"));
        AtomicBoolean sawProgress = new AtomicBoolean();

        show(own.resolve("ws"), Optional.of(new BundledExamples(examples)), sawProgress);

        waitUntil(() -> table().getItems().size() == 1 && table().getItems().get(0).state() == RunState.FAILED);
        waitUntil(() -> !model.seedingProperty().get());
        assertThat(sawProgress).isTrue();
        assertThat(table().getItems().get(0).flowId()).isEqualTo("bike_trips");
        assertThat(robot.lookup("#banner-text").queryAs(Label.class).getText()).startsWith("Added 1 example flows");
    }

    @Test
    void theWarmUpOpensTheNewestRunOutOfSightAndLeavesNoTabNorMessage() throws Exception {
        show(shared.resolve("ws"), Optional.empty(), null);
        waitUntil(() -> table().getItems().size() == RUNS);
        String newest = workspace.runs(dev.reprise.run.RunQuery.all().withLimit(1)).runs().get(0).id();

        java.util.concurrent.CompletableFuture<String> warmed = WaitForAsyncUtils.asyncFx(() -> shell.warmUp()).get();

        assertThat(warmed.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(newest);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.runTabs().getTabs()).isEmpty();
        assertThat(model.messages().all()).isEmpty();
    }

    @Test
    void theRunsTableListsTheExamplesAndFiltersByState() throws Exception {
        show(shared.resolve("ws"), Optional.empty(), null);
        waitUntil(() -> table().getItems().size() == RUNS);
        assertThat(table().getItems()).extracting(Run::flowId)
                .containsExactlyInAnyOrder("bike_trips", "model_training", "model_training", "nightly", "orders", "shards",
                        "weather_stations");

        robot.clickOn("#state-filter");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText("failed"))
                .queryAs(Node.class));

        // bike_trips and orders fail on revision 1 on purpose: each is a story of a fix to replay
        waitUntil(() -> table().getItems().size() == 2);
        assertThat(table().getItems()).extracting(Run::flowId).containsExactlyInAnyOrder("bike_trips", "orders");
        assertThat(robot.lookup("#state-filter").queryAs(ComboBox.class).getValue()).isEqualTo(RunState.FAILED);
    }

    @Test
    void openingTheFailedBikeTripsRunShowsItsStepsAndTheChartTabs() throws Exception {
        show(shared.resolve("ws"), Optional.empty(), null);
        waitUntil(() -> table().getItems().size() == RUNS);

        openRunOf("bike_trips");

        RunView view = openRunView();
        assertThat(view.tabs().getTabs()).extracting(Tab::getText)
                .containsExactly("Gantt", "DAG", "Logs", "Inputs & outputs", "Lineage");
        waitUntil(() -> stepList(view).getItems().size() >= 2);
        assertThat(stepList(view).getItems()).extracting(StepRun::stepId).contains("extract", "parse");
        // the failed step is selected first, in the details pane and the charts alike
        waitUntil(() -> "parse".equals(view.gantt().selectedStepProperty().get()));
        assertThat(stepTitle()).isEqualTo("parse");
        assertThat(view.dag().selectedStepProperty().get()).isEqualTo("parse");

        // the Gantt has a row per step run, and each attempt's running time is painted in its outcome's colour
        waitUntil(() -> view.model().flowProperty().get() != null);
        GanttView gantt = view.gantt();
        RunDetail detail = view.model().detailProperty().get();
        for (StepRun step : detail.steps()) {
            assertThat(gantt.model().indexOf(step.stepId())).as(step.stepId()).isNotNegative();
            for (Attempt attempt : step.attempts()) {
                Color expected = gantt.palette().state(attempt.state() == AttemptState.SUCCEEDED
                        ? StepState.SUCCEEDED : StepState.FAILED);
                Color painted = runPixel(gantt, step.stepId(), attempt.startedAt(), attempt.endedAt());
                assertThat(near(painted, expected)).as(step.stepId() + " attempt " + attempt.number() + ": " + painted)
                        .isTrue();
            }
        }
        assertThat(detail.steps()).filteredOn(s -> s.stepId().equals("parse")).singleElement()
                .satisfies(parse -> assertThat(parse.attempts()).extracting(Attempt::state)
                        .containsExactly(AttemptState.FAILED));
    }

    @Test
    void clickingABarSelectsTheStepInTheDetailsPaneAndTheDag() throws Exception {
        show(shared.resolve("ws"), Optional.empty(), null);
        waitUntil(() -> table().getItems().size() == RUNS);
        openRunOf("bike_trips");
        RunView view = openRunView();
        waitUntil(() -> "parse".equals(view.gantt().selectedStepProperty().get()));
        // the flow's definition arrives after the step runs and may regroup the rows: click once it is there
        waitUntil(() -> view.model().flowProperty().get() != null);
        StepRun extract = view.model().detailProperty().get().steps().stream()
                .filter(s -> s.stepId().equals("extract")).findFirst().orElseThrow();
        Attempt ran = extract.attempts().get(0);

        Point2D bar = WaitForAsyncUtils.asyncFx(() -> {
            view.getScene().getRoot().applyCss();
            view.getScene().getRoot().layout();
            return view.gantt().localToScreen(view.gantt()
                    .pointAt("extract", middle(ran.startedAt(), ran.endedAt()).toEpochMilli()).orElseThrow());
        }).get();
        robot.clickOn(bar);

        waitUntil(() -> "extract".equals(stepTitle()));
        assertThat(stepList(view).getSelectionModel().getSelectedItem().stepId()).isEqualTo("extract");
        assertThat(view.dag().selectedStepProperty().get()).isEqualTo("extract");
        // the DAG shows it once its tab is opened
        robot.clickOn("#tab-dag");
        waitUntil(() -> view.dag().highlightedStep().isPresent());
        assertThat(view.dag().highlightedStep()).contains("extract");
    }

    @Test
    void selectingAStepInTheDetailsListSelectsItInTheGanttAndTheDag() throws Exception {
        show(shared.resolve("ws"), Optional.empty(), null);
        waitUntil(() -> table().getItems().size() == RUNS);
        openRunOf("bike_trips");
        RunView view = openRunView();
        waitUntil(() -> stepList(view).getItems().size() >= 2);

        Node extract = robot.lookup("#steps-list .list-cell").match((Node n) -> n instanceof ListCell<?> c
                && c.getItem() instanceof StepRun s && s.stepId().equals("extract")).query();
        robot.clickOn(extract);

        waitUntil(() -> "extract".equals(view.gantt().selectedStepProperty().get()));
        assertThat(view.dag().selectedStepProperty().get()).isEqualTo("extract");
        assertThat(stepTitle()).isEqualTo("extract");

        robot.interact(() -> view.dag().selectedStepProperty().set("parse"));
        waitUntil(() -> "parse".equals(stepTitle()));
        assertThat(stepList(view).getSelectionModel().getSelectedItem().stepId()).isEqualTo("parse");
        assertThat(view.gantt().selectedStepProperty().get()).isEqualTo("parse");
    }

    @Test
    void aRunningRunAppearsAndGrowsLive() throws Exception {
        show(own.resolve("ws"), Optional.empty(), null);
        Path gate = own.resolve("gate");
        Run run = TestWorkspaces.startGated(workspace, gate);

        waitUntil(() -> table().getItems().size() == 1 && table().getItems().get(0).state() == RunState.RUNNING);
        openRunOf("gated");
        RunView view = openRunView();
        waitUntil(() -> stepList(view).getItems().stream()
                .anyMatch(s -> s.stepId().equals("wait") && s.state() == StepState.RUNNING));
        // while "wait" runs its bar is open and grows with the clock; "after" has not started
        GanttView gantt = view.gantt();
        waitUntil(() -> WaitForAsyncUtils.asyncFx(() -> gantt.model().isLive()).get());
        long end = WaitForAsyncUtils.asyncFx(() -> gantt.model().endTime()).get();
        waitUntil(() -> WaitForAsyncUtils.asyncFx(() -> gantt.model().endTime()).get() > end + 100);
        Instant midway = WaitForAsyncUtils.asyncFx(() -> Instant.ofEpochMilli(
                (gantt.model().startTime() + gantt.model().endTime()) / 2)).get();
        assertThat(near(ganttPixel(gantt, "after", midway), gantt.palette().state(StepState.SUCCEEDED))).isFalse();

        Files.createDirectory(gate);

        waitUntil(() -> view.model().detailProperty().get().run().state() == RunState.SUCCEEDED);
        waitUntil(() -> !WaitForAsyncUtils.asyncFx(() -> gantt.model().isLive()).get());
        StepRun after = view.model().detailProperty().get().steps().stream()
                .filter(s -> s.stepId().equals("after")).findFirst().orElseThrow();
        Attempt afterRan = after.attempts().get(0);
        assertThat(near(runPixel(gantt, "after", afterRan.startedAt(), afterRan.endedAt()),
                gantt.palette().state(StepState.SUCCEEDED))).isTrue();
        assertThat(stepList(view).getItems()).extracting(StepRun::stepId).containsExactly("wait", "after");
        assertThat(stepList(view).getItems()).allMatch(s -> s.state() == StepState.SUCCEEDED);
        waitUntil(() -> table().getItems().get(0).state() == RunState.SUCCEEDED);
        assertThat(table().getItems().get(0).id()).isEqualTo(run.id());
    }
}
