package dev.reprise.ui.replay;

import dev.reprise.run.BulkReplay;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.RevisionChoice;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.common.FxScheduler;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.form.ArtifactPreview;
import dev.reprise.workspace.Workspace;
import javafx.css.PseudoClass;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The replay actions wherever a run or a step is shown — the details pane, the run view's toolbar, the runs
 * table, and the Gantt bars and DAG nodes ({@link #menuFor}): replay this step only, from here, the failed
 * part, the whole run, or with changes. Each opens the replay form with its scope set (the plan shows before
 * anything runs); several runs of the table are replayed at once through the bulk dialog. A started replay
 * opens in the run view, and the window's run-end notifier says how it ended. {@link #dispose()} closes open forms.
 * FX thread only.
 */
public final class ReplayActions {

    private static final int PREVIEW_BYTES = 8 * 1024;

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Consumer<String> openRun;
    private final Supplier<Window> owner;
    private final Consumer<String> watchEnd;
    private final List<Stage> dialogs = new ArrayList<>();

    /**
     * @param openRun  shows a run in the run view
     * @param owner    the window that owns dialogs
     * @param watchEnd asks to be told when a run ends (the window's one run-end notifier)
     */
    public ReplayActions(Workspace workspace, UiExecutor ui, Messages messages, Consumer<String> openRun,
                         Supplier<Window> owner, Consumer<String> watchEnd) {
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.openRun = openRun;
        this.owner = owner;
        this.watchEnd = watchEnd;
    }

    /** The replay actions of step {@code stepId} of run {@code runId} (null: of the run) as a context menu. */
    public ContextMenu menuFor(String runId, String stepId) {
        ContextMenu menu = new ContextMenu();
        menu.getItems().setAll(items(runId, stepId));
        menu.setId("replay-menu");
        return menu;
    }

    /** The same actions as menu items, for a menu of one's own. */
    public List<MenuItem> items(String runId, String stepId) {
        List<MenuItem> items = new ArrayList<>();
        for (ReplayAction action : ReplayAction.values()) {
            if (action.needsStep() && stepId == null) {
                continue;
            }
            if (action == ReplayAction.CHANGES) {
                items.add(new SeparatorMenuItem());
            }
            items.add(item(action.label(), icon(action), "replay-" + action.name().toLowerCase(Locale.ROOT),
                    () -> perform(runId, stepId, action)));
        }
        return items;
    }

    /** Does {@code action} on run {@code runId}, step {@code stepId} (null: the run): opens the replay form. */
    public void perform(String runId, String stepId, ReplayAction action) {
        open(runId, stepId, action.kind(stepId));
    }

    static Ikon icon(ReplayAction action) {
        return switch (action) {
            case ONLY -> Material2MZ.REPLAY;
            case FROM -> Material2MZ.PLAY_ARROW;
            case FAILED -> Material2AL.ERROR_OUTLINE;
            case WHOLE -> Material2MZ.REPLAY;
            case CHANGES -> Material2AL.EDIT;
        };
    }

    private static MenuItem item(String text, Ikon icon, String id, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setId("menu-" + id);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Opens the replay form of run {@code runId}, scope {@code kind}, from step {@code stepId} (may be null). */
    public Stage open(String runId, String stepId, ReplayScope.Kind kind) {
        return open(runId, stepId, kind, new RevisionChoice.Original());
    }

    /** As {@link #open(String, String, ReplayScope.Kind)}, with revision {@code revision} chosen. */
    public Stage open(String runId, String stepId, ReplayScope.Kind kind, RevisionChoice revision) {
        return open(runId, stepId, kind, revision, null, this::started);
    }

    /**
     * The replay form of a run of this workspace whose replay runs at {@code destination} — this machine's
     * workspace, for a server's run — with the same scope, revision, overrides and plan as any replay;
     * {@code onStarted} gets the new run there.
     */
    public Stage openElsewhere(String runId, ReplayScope.Kind kind, ReplayFormModel.Destination destination,
                               Consumer<Run> onStarted) {
        return open(runId, null, kind, new RevisionChoice.Original(), destination, onStarted);
    }

    private Stage open(String runId, String stepId, ReplayScope.Kind kind, RevisionChoice revision,
                       ReplayFormModel.Destination destination, Consumer<Run> onStarted) {
        ReplayFormModel model = new ReplayFormModel(workspace, ui, new FxScheduler(), runId, stepId, kind);
        model.startWithRevision(revision);
        if (destination != null) {
            model.replayIn(destination);
        }
        Stage stage = new Stage();
        stage.setTitle("Replay " + runId + (destination != null ? " on " + destination.label() : ""));
        ReplayFormView view = new ReplayFormView(model, artifactPreview(), run -> {
            stage.close();
            onStarted.accept(run);
        }, stage::close);
        show(stage, view, 1320, 860).setOnHidden(e -> {
            model.close();
            dialogs.remove(stage);
        });
        model.load();
        return stage;
    }

    /** Shows {@code view} in {@code stage}, a modal dialog of the window styled as it is; closed by {@link #dispose}. */
    private Stage show(Stage stage, Parent view, double width, double height) {
        Window parent = owner.get();
        if (parent != null) {
            stage.initOwner(parent);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(width, screen.getWidth() - 40), Math.min(height, screen.getHeight() - 40));
        if (parent != null && parent.getScene() != null) {
            scene.getStylesheets().setAll(parent.getScene().getStylesheets());
            boolean dark = parent.getScene().getRoot().getPseudoClassStates().contains(PseudoClass.getPseudoClass("dark"));
            view.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> dialogs.remove(stage));
        dialogs.add(stage);
        stage.show();
        return stage;
    }

    /**
     * Replays {@code runs}: one run through the replay form (its failed part if it did not succeed), several
     * through the bulk dialog, where the revision and the scope are chosen for all and each run's plan shows
     * before anything runs.
     */
    public void replayAll(List<Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        if (runs.size() == 1) {
            Run run = runs.get(0);
            open(run.id(), null, run.state() == RunState.SUCCEEDED ? ReplayScope.Kind.WHOLE : ReplayScope.Kind.FAILED);
            return;
        }
        openBulk(runs);
    }

    /** Opens the dialog that replays several runs at once. */
    public Stage openBulk(List<Run> runs) {
        BulkReplayModel model = new BulkReplayModel(workspace, ui, runs);
        Stage stage = new Stage();
        stage.setTitle("Replay " + runs.size() + " runs");
        BulkReplayView view = new BulkReplayView(model, () -> model.replay(done -> {
            stage.close();
            bulkStarted(done);
        }, failure -> messages.error("Replaying " + runs.size() + " runs", failure)), stage::close);
        Stage shown = show(stage, view, 1180, 560);
        model.plan();
        return shown;
    }

    private void bulkStarted(BulkReplay done) {
        done.accepted().forEach(item -> watchEnd.accept(item.replay().id()));
        int started = done.accepted().size();
        String refused = done.refused().stream().map(i -> (i.runId() == null ? i.reference() : i.runId()) + ": "
                + i.refusal()).collect(Collectors.joining("; "));
        messages.info("Replaying " + started + (started == 1 ? " run" : " runs")
                + "; a notification says how each ends." + (refused.isEmpty() ? "" : " Refused: " + refused));
    }

    private void started(Run run) {
        openRun.accept(run.id());
        messages.info("Replay " + run.id() + " of run " + run.parentRunId() + " started"
                + (run.modified() ? " (modified)" : "") + ".");
        watchEnd.accept(run.id());
    }

    private ArtifactPreview artifactPreview() {
        return (ref, onText) -> ui.submit(() -> {
            String sha = ref.get("$artifact").asText();
            try (InputStream in = workspace.openArtifact(sha)) {
                byte[] head = in.readNBytes(PREVIEW_BYTES);
                boolean more = in.read() >= 0;
                for (byte b : head) {
                    if (b == 0) {
                        return "(binary file)";
                    }
                }
                return new String(head, StandardCharsets.UTF_8) + (more ? "\n…" : "");
            }
        }, onText, failure -> onText.accept("cannot read the file: " + Messages.describe(failure)));
    }

    /** Closes open replay forms. */
    public void dispose() {
        new ArrayList<>(dialogs).forEach(Stage::close);
    }
}
