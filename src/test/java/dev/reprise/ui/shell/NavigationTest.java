package dev.reprise.ui.shell;

import dev.reprise.ui.shell.ShellTab.CompareTab;
import dev.reprise.ui.shell.ShellTab.FlowsTab;
import dev.reprise.ui.shell.ShellTab.RunTab;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's open tabs and their selection, without a toolkit. */
class NavigationTest {

    private final Navigation navigation = new Navigation();

    @Test
    void openingARunTwiceKeepsOneTabAndSelectsIt() {
        navigation.openRun("r-a");
        navigation.openRun("r-b");
        navigation.openRun("r-a");

        assertThat(navigation.tabs()).containsExactly(new RunTab("r-a"), new RunTab("r-b"));
        assertThat(navigation.selectedRun()).contains("r-a");
    }

    @Test
    void aComparisonOfTwoRunsIsATabOfItsOwnAndItsSidesMatter() {
        navigation.openRun("r-a");
        navigation.open(new CompareTab("r-a", "r-b"));
        navigation.open(new CompareTab("r-a", "r-b"));
        navigation.open(new CompareTab("r-b", "r-a"));

        assertThat(navigation.tabs()).containsExactly(new RunTab("r-a"), new CompareTab("r-a", "r-b"),
                new CompareTab("r-b", "r-a"));
        assertThat(navigation.selectedProperty().get()).isEqualTo(new CompareTab("r-b", "r-a"));
        assertThat(navigation.selectedRun()).isEmpty();
    }

    @Test
    void closingTheSelectedTabSelectsTheOneToItsRight() {
        navigation.openRun("r-a");
        navigation.openRun("r-b");
        navigation.openRun("r-c");
        navigation.select(new RunTab("r-b"));

        navigation.closeSelected();

        assertThat(navigation.tabs()).containsExactly(new RunTab("r-a"), new RunTab("r-c"));
        assertThat(navigation.selectedRun()).contains("r-c");
    }

    @Test
    void closingTheLastTabWhileSelectedSelectsTheOneToItsLeftAndClosingTheOnlyTabSelectsNothing() {
        navigation.openRun("r-a");
        navigation.open(new FlowsTab());

        navigation.closeSelected();
        assertThat(navigation.selectedRun()).contains("r-a");

        navigation.closeSelected();
        assertThat(navigation.tabs()).isEmpty();
        assertThat(navigation.selectedProperty().get()).isNull();
    }

    @Test
    void closingATabThatIsNotSelectedKeepsTheSelection() {
        navigation.openRun("r-a");
        navigation.openRun("r-b");

        navigation.close(new RunTab("r-a"));

        assertThat(navigation.selectedRun()).contains("r-b");
    }

    @Test
    void openingMoreRunsThanTheLimitClosesTheOldestRunsButNotTheOtherTabs() {
        navigation.open(new FlowsTab());
        for (int i = 0; i <= Navigation.MAX_OPEN_RUNS; i++) {
            navigation.openRun("r-" + i);
        }

        assertThat(navigation.tabs()).hasSize(Navigation.MAX_OPEN_RUNS + 1)
                .contains(new FlowsTab()).doesNotContain(new RunTab("r-0"));
        assertThat(navigation.selectedRun()).contains("r-" + Navigation.MAX_OPEN_RUNS);
    }

    @Test
    void theRunsTableSettlingOnTheRunItSettledOnLastDoesNotReopenItsClosedTab() {
        navigation.runSelectedInTable("r-a");
        navigation.closeSelected();

        navigation.runSelectedInTable("r-a");
        assertThat(navigation.tabs()).isEmpty();

        navigation.runSelectedInTable("r-b");
        navigation.runSelectedInTable(null);
        navigation.runSelectedInTable("r-a");
        assertThat(navigation.tabs()).containsExactly(new RunTab("r-a"));
    }

    @Test
    void runsTheTableSettlesOnReuseOnePreviewTabInPlace() {
        navigation.openRun("r-kept");
        navigation.runSelectedInTable("r-a");
        navigation.open(new FlowsTab());
        navigation.runSelectedInTable("r-b");

        assertThat(navigation.tabs()).containsExactly(new RunTab("r-kept"), new RunTab("r-b"), new FlowsTab());
        assertThat(navigation.previewProperty().get()).isEqualTo(new RunTab("r-b"));
        assertThat(navigation.selectedRun()).contains("r-b");
    }

    @Test
    void keepingThePreviewOpenOrOpeningItsRunPinsIt() {
        navigation.runSelectedInTable("r-a");
        navigation.keepOpen(new RunTab("r-a"));
        navigation.runSelectedInTable("r-b");
        navigation.openRun("r-b"); // a double-click
        navigation.runSelectedInTable("r-c");

        assertThat(navigation.tabs()).containsExactly(new RunTab("r-a"), new RunTab("r-b"), new RunTab("r-c"));
        assertThat(navigation.previewProperty().get()).isEqualTo(new RunTab("r-c"));
    }

    @Test
    void aRunOpenAlreadyIsSelectedNotPreviewedAndAClosedPreviewIsNoLongerOne() {
        navigation.openRun("r-a");
        navigation.runSelectedInTable("r-b");
        navigation.runSelectedInTable("r-a");

        assertThat(navigation.tabs()).containsExactly(new RunTab("r-a"), new RunTab("r-b"));
        assertThat(navigation.previewProperty().get()).isEqualTo(new RunTab("r-b"));
        assertThat(navigation.selectedRun()).contains("r-a");

        navigation.close(new RunTab("r-b"));
        assertThat(navigation.previewProperty().get()).isNull();
        navigation.runSelectedInTable("r-c");
        assertThat(navigation.tabs()).containsExactly(new RunTab("r-a"), new RunTab("r-c"));
    }

    @Test
    void deletedRunsLoseTheirTabs() {
        navigation.openRun("r-a");
        navigation.open(new CompareTab("r-a", "r-b"));
        navigation.openRun("r-b");

        navigation.closeRuns(List.of("r-a", "r-b"));

        assertThat(navigation.tabs()).containsExactly(new CompareTab("r-a", "r-b"));
        assertThat(navigation.selectedProperty().get()).isEqualTo(new CompareTab("r-a", "r-b"));
    }

    @Test
    void aTabThatIsNotOpenCannotBeSelected() {
        navigation.openRun("r-a");

        navigation.select(new RunTab("r-b"));

        assertThat(navigation.selectedRun()).contains("r-a");
    }
}
