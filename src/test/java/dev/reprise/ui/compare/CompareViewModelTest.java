package dev.reprise.ui.compare;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.InlineUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.compare.RunComparison.Change;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison of a replay with its source, on a real workspace with the bike_trips example, no toolkit:
 * the failed run (revision 1) replayed with revision 2 and a smaller sample, and replayed as it was.
 */
class CompareViewModelTest {

    @TempDir
    static Path folder;

    private static LocalWorkspace workspace;
    private static Run source;
    private static Run fixed;
    private static Run again;

    private Messages messages;
    private CompareViewModel model;

    @BeforeAll
    static void replayTheFailedBikeTripsRun() throws Exception {
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        workspace.applyFlow(Files.readString(Path.of("assets/examples/bike_trips/flow.yaml")), "bike_trips.yaml");
        source = workspace.await(workspace.start(StartRequest.of("bike_trips")).id());
        workspace.applyFlow(Files.readString(Path.of("assets/examples/bike_trips/flow.v2.yaml")), "bike_trips.yaml");
        fixed = workspace.await(workspace.replay(source.id(), ReplayRequest.asIs()
                .withRevision(ReplayRequest.LATEST)
                .withParameters(Map.of("sample_size", IntNode.valueOf(2000)))).id());
        again = workspace.await(workspace.replay(source.id(), ReplayRequest.asIs()).id());
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    @BeforeEach
    void model() {
        messages = new Messages();
        model = new CompareViewModel(workspace, new InlineUiExecutor(), messages);
    }

    @Test
    void theRunsAreTheSourceAndItsReplay() {
        assertThat(source.state()).isEqualTo(RunState.FAILED);
        assertThat(fixed.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(fixed.parentRunId()).isEqualTo(source.id());
    }

    @Test
    void aReplayIsComparedWithItsSourceOnTheLeft() {
        model.compareWithSource(fixed.id());

        RunComparison comparison = model.comparisonProperty().get();
        assertThat(messages.all()).isEmpty();
        assertThat(comparison.left().run().id()).isEqualTo(source.id());
        assertThat(comparison.right().run().id()).isEqualTo(fixed.id());
    }

    @Test
    void theChangedParameterIsMarkedAndTheOtherIsNot() {
        model.compareWithSource(fixed.id());
        RunComparison comparison = model.comparisonProperty().get();

        assertThat(comparison.parameter("sample_size").change()).isEqualTo(Change.CHANGED);
        assertThat(comparison.parameter("sample_size").left()).isEqualTo(IntNode.valueOf(5000));
        assertThat(comparison.parameter("sample_size").right()).isEqualTo(IntNode.valueOf(2000));
        assertThat(comparison.parameter("month").change()).isEqualTo(Change.SAME);
    }

    @Test
    void stepInputsOutputsAndStatesThatDifferAreMarked() {
        model.compareWithSource(fixed.id());
        RunComparison comparison = model.comparisonProperty().get();

        RunComparison.Step extract = comparison.step("extract");
        assertThat(value(extract.inputs(), "rows").change()).isEqualTo(Change.CHANGED);
        assertThat(value(extract.inputs(), "month").change()).isEqualTo(Change.SAME);
        // a different sample is a different file: compared by SHA-256
        assertThat(value(extract.outputs(), "file").change()).isEqualTo(Change.CHANGED);

        RunComparison.Step parse = comparison.step("parse");
        assertThat(parse.left().state()).isEqualTo(StepState.FAILED);
        assertThat(parse.right().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(parse.stateDiffers()).isTrue();
        assertThat(value(parse.inputs(), "datetime_format").change()).isEqualTo(Change.CHANGED);

        assertThat(comparison.step("report").change()).isIn(Change.ONLY_RIGHT, Change.CHANGED);
    }

    @Test
    void durationsOfStepsThatRanOnBothSidesHaveADelta() {
        model.compareWithSource(fixed.id());
        RunComparison.Step extract = model.comparisonProperty().get().step("extract");

        assertThat(extract.leftDuration()).isNotNull();
        assertThat(extract.rightDuration()).isNotNull();
        assertThat(extract.delta()).isEqualTo(extract.rightDuration().minus(extract.leftDuration()));
        CompareRow row = find(model.rows(), "step.extract");
        assertThat(row.delta()).matches("[+−].+");
    }

    @Test
    void differentRevisionsComeWithTheDiffOfTheFlow() {
        model.compareWithSource(fixed.id());

        assertThat(model.revisionDiffProperty().get()).isNotNull();
        LineDiff diff = model.revisionDiffProperty().get().source().lines();
        assertThat(diff.changed()).isEqualTo(1);
        assertThat(diff.rows()).filteredOn(r -> r.kind() == LineDiff.Kind.CHANGED).singleElement()
                .satisfies(r -> assertThat(r.right()).contains("yyyy-MM-dd'T'HH:mm:ss"));
    }

    @Test
    void aReplayAsItWasDiffersOnlyWhereTheRunDid() {
        model.compareWithSource(again.id());
        RunComparison comparison = model.comparisonProperty().get();

        assertThat(model.revisionDiffProperty().get()).isNull();
        assertThat(comparison.parameters()).allMatch(v -> v.change() == Change.SAME);
        // extract ran again on the same inputs: the same bytes, so the same file
        assertThat(comparison.step("extract").inputs()).allMatch(v -> v.change() == Change.SAME);
        assertThat(comparison.step("extract").outputs()).allMatch(v -> v.change() == Change.SAME);
    }

    @Test
    void onlyDifferencesKeepsTheChangedLinesAndDropsTheSameOnes() {
        model.compareWithSource(fixed.id());
        assertThat(find(model.rows(), "parameter.month")).isNotNull();

        model.onlyDifferencesProperty().set(true);

        assertThat(find(model.rows(), "parameter.month")).isNull();
        assertThat(find(model.rows(), "parameter.sample_size").change()).isEqualTo(Change.CHANGED);
        assertThat(find(model.rows(), "step.extract.in.rows").differs()).isTrue();
    }

    @Test
    void aRunThatIsNotAReplayIsReportedNotCompared() {
        model.compareWithSource(source.id());

        assertThat(model.comparisonProperty().get()).isNull();
        assertThat(messages.all()).singleElement().satisfies(m -> assertThat(m.text()).contains("not a replay"));
    }

    @Test
    void aSelectionMeansTheOlderRunOrTheSourceOnTheLeft() {
        assertThat(CompareViewModel.Pair.of(List.of(fixed))).contains(new CompareViewModel.Pair(source.id(), fixed.id()));
        assertThat(CompareViewModel.Pair.of(List.of(fixed, source))).contains(new CompareViewModel.Pair(source.id(), fixed.id()));
        assertThat(CompareViewModel.Pair.of(List.of(again, fixed))).contains(new CompareViewModel.Pair(fixed.id(), again.id()));
        assertThat(CompareViewModel.Pair.of(List.of(source))).isEmpty();
    }

    private static RunComparison.Value value(List<RunComparison.Value> values, String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static CompareRow find(List<CompareRow> rows, String id) {
        return rows.stream().flatMap(CompareViewModelTest::all).filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    private static Stream<CompareRow> all(CompareRow row) {
        return Stream.concat(Stream.of(row), row.children().stream().flatMap(CompareViewModelTest::all));
    }
}
