package dev.reprise.ui.shell;

import dev.reprise.ui.common.Debouncer;
import dev.reprise.ui.common.FxScheduler;
import dev.reprise.ui.compare.CompareView;
import dev.reprise.ui.compare.CompareViewModel;
import dev.reprise.ui.flows.FlowsView;
import dev.reprise.ui.flows.FlowsViewModel;
import dev.reprise.ui.replay.ReplayActions;
import dev.reprise.ui.replay.SuggestedFixActions;
import dev.reprise.ui.run.RunView;
import dev.reprise.ui.run.RunViewModel;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Makes the view of each kind of tab with its view model, on the window's workspace, executor, messages
 * and clock, wired back to the window's {@link Navigation}: a run (with the replay actions; "Flow" and
 * "Compare with source" open tabs), a comparison, the flows view. The view models start loading when the
 * view is made. FX thread only.
 */
final class TabViews {

    private final ShellViewModel model;
    private final ReplayActions replayActions;
    private final SuggestedFixActions fixes;
    private final Consumer<String> openFlow;

    /** @param openFlow shows the flows view on a flow */
    TabViews(ShellViewModel model, ReplayActions replayActions, SuggestedFixActions fixes, Consumer<String> openFlow) {
        this.model = model;
        this.replayActions = replayActions;
        this.fixes = fixes;
        this.openFlow = openFlow;
    }

    /** A run's view; its model is opened by the caller once the view is in place. */
    RunView run(String runId) {
        Navigation navigation = model.navigation();
        RunViewModel runModel = new RunViewModel(runId, model.workspace(), model.ui(), model.messages(), model.clock());
        RunView view = new RunView(runModel, model.ui(), model.messages(), navigation::openRun, replayActions);
        view.setOnOpenFlow(openFlow);
        view.setFixActions(fixes);
        view.tickWith(model.ticker());
        view.setOnCompareWithSource(run -> navigation.open(new ShellTab.CompareTab(run.parentRunId(), run.id())));
        return view;
    }

    CompareView comparison(ShellTab.CompareTab tab) {
        CompareViewModel compareModel = new CompareViewModel(model.workspace(), model.ui(), model.messages(),
                model.clock());
        CompareView view = new CompareView(compareModel, model.navigation()::openRun);
        compareModel.compare(tab.leftRunId(), tab.rightRunId());
        return view;
    }

    FlowsView flows() {
        FlowsViewModel flowsModel = new FlowsViewModel(model.workspace(), model.ui(), model.messages(),
                Debouncer.on(new FxScheduler(), Duration.ofMillis(300)));
        FlowsView view = new FlowsView(flowsModel, started -> {
            model.runEnds().watch(started); // the flows view opens only the runs its Run… dialog started
            model.navigation().openRun(started);
        });
        flowsModel.refresh();
        return view;
    }
}
