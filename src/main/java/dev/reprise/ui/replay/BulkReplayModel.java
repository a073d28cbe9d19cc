package dev.reprise.ui.replay;

import dev.reprise.run.BulkReplay;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Consumer;

/**
 * The window's replay of several runs: the revision and the scope chosen for all, each run's plan under
 * them (planned again whenever a choice changes), and the replays started with one click. A run that
 * cannot be replayed shows why; the others still go. UI thread only.
 */
public final class BulkReplayModel {

    /** The scope the runs are replayed with. */
    public enum ScopeChoice {
        /** The failed part of each run that did not succeed, the whole of each that did. */
        EACH_OWN("each its own: the failed part, or the whole run if it succeeded", null),
        FAILED("the failed part of every run", ReplayScope.failed()),
        WHOLE("every run whole", ReplayScope.whole());

        private final String label;
        private final ReplayScope scope;

        ScopeChoice(String label, ReplayScope scope) {
            this.label = label;
            this.scope = scope;
        }

        public ReplayScope scope() {
            return scope;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The revision the runs are replayed with. */
    public enum RevisionChoice {
        ORIGINAL("original: the revision each run ran", ReplayRequest.ORIGINAL),
        LATEST("latest: each flow's newest revision", ReplayRequest.LATEST);

        private final String label;
        private final String text;

        RevisionChoice(String label, String text) {
            this.label = label;
            this.text = text;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Workspace workspace;
    private final UiExecutor ui;
    private final List<Run> runs;
    private final ObjectProperty<ScopeChoice> scope = new SimpleObjectProperty<>(ScopeChoice.EACH_OWN);
    private final ObjectProperty<RevisionChoice> revision = new SimpleObjectProperty<>(RevisionChoice.ORIGINAL);
    private final ObservableList<BulkReplay.Item> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("planning…");
    private final BooleanProperty busy = new SimpleBooleanProperty(true);
    private final SimpleBooleanProperty replayable = new SimpleBooleanProperty(false);
    private int planned; // the latest planning asked; older answers are dropped

    public BulkReplayModel(Workspace workspace, UiExecutor ui, List<Run> runs) {
        this.workspace = workspace;
        this.ui = ui;
        this.runs = List.copyOf(runs);
        scope.addListener((o, was, now) -> plan());
        revision.addListener((o, was, now) -> plan());
    }

    public ObjectProperty<ScopeChoice> scopeProperty() {
        return scope;
    }

    public ObjectProperty<RevisionChoice> revisionProperty() {
        return revision;
    }

    /** Each run with its plan under the current choices, or why it would be refused. */
    public ObservableList<BulkReplay.Item> items() {
        return items;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True while a plan or the replays are being made. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** True when at least one run would be replayed and nothing is being made. */
    public SimpleBooleanProperty replayableProperty() {
        return replayable;
    }

    public int runCount() {
        return runs.size();
    }

    /** The request the current choices make. */
    public BulkReplayRequest request() {
        return BulkReplayRequest.of(runs.stream().map(Run::id).toList()).withScope(scope.get().scope())
                .withRevision(revision.get().text);
    }

    /** Plans every run under the current choices; the answer replaces the items. */
    public void plan() {
        int asked = ++planned;
        busy.set(true);
        replayable.set(false);
        summary.set("planning…");
        BulkReplayRequest request = request();
        ui.submit(() -> workspace.planReplays(request), answer -> {
            if (asked != planned) {
                return;
            }
            items.setAll(answer.items());
            int accepted = answer.accepted().size();
            int refused = answer.refused().size();
            long steps = answer.accepted().stream().mapToLong(i -> count(i.plan(), ReplayPlan.Action.EXECUTE)).sum();
            summary.set(accepted == 0 ? "no run can be replayed with these choices"
                    : accepted + (accepted == 1 ? " run" : " runs") + " will be replayed, " + steps
                    + (steps == 1 ? " step" : " steps") + " run again"
                    + (refused > 0 ? "; " + refused + " refused" : ""));
            busy.set(false);
            replayable.set(accepted > 0);
        }, failure -> {
            if (asked != planned) {
                return;
            }
            items.clear();
            summary.set("cannot plan: " + Messages.describe(failure));
            busy.set(false);
        });
    }

    /** Starts the replays; {@code onDone} gets what was started and refused, {@code onFailure} what went wrong. */
    public void replay(Consumer<BulkReplay> onDone, Consumer<Throwable> onFailure) {
        busy.set(true);
        replayable.set(false);
        BulkReplayRequest request = request();
        ui.submit(() -> workspace.replayAll(request), done -> {
            busy.set(false);
            onDone.accept(done);
        }, failure -> {
            busy.set(false);
            replayable.set(true);
            onFailure.accept(failure);
        });
    }

    static long count(ReplayPlan plan, ReplayPlan.Action action) {
        return plan == null ? 0 : plan.steps().stream().filter(s -> s.action() == action).count();
    }
}
