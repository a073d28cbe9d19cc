package dev.reprise.ui.replay;

import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.common.FxScheduler;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.form.ArtifactPreview;
import dev.reprise.workspace.Workspace;
import javafx.css.PseudoClass;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
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

/**
 * The replay actions wherever a run or a step is shown — the details pane, the run view's toolbar, the runs
 * table, and the Gantt bars and DAG nodes ({@link #menuFor}): replay this step only, from here, the failed
 * part, the whole run, or with changes. Each opens the replay form with its scope set (the plan shows before
 * anything runs); several runs of the table are replayed at once after one confirmation. A started replay
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
        ReplayFormModel model = new ReplayFormModel(workspace, ui, new FxScheduler(), runId, stepId, kind);
        Stage stage = new Stage();
        stage.setTitle("Replay " + runId);
        Window parent = owner.get();
        if (parent != null) {
            stage.initOwner(parent);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        ReplayFormView view = new ReplayFormView(model, artifactPreview(), run -> {
            stage.close();
            started(run);
        }, stage::close);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1320, screen.getWidth() - 40), Math.min(860, screen.getHeight() - 40));
        if (parent != null && parent.getScene() != null) {
            scene.getStylesheets().setAll(parent.getScene().getStylesheets());
            boolean dark = parent.getScene().getRoot().getPseudoClassStates().contains(PseudoClass.getPseudoClass("dark"));
            view.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            model.close();
            dialogs.remove(stage);
        });
        dialogs.add(stage);
        stage.show();
        model.load();
        return stage;
    }

    /** Replays each of {@code runs} as it was (a failed run: its failed part), after one confirmation. */
    public void replayAll(List<Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        if (runs.size() == 1) {
            Run run = runs.get(0);
            open(run.id(), null, run.state() == RunState.SUCCEEDED ? ReplayScope.Kind.WHOLE : ReplayScope.Kind.FAILED);
            return;
        }
        long failed = runs.stream().filter(r -> r.state() != RunState.SUCCEEDED).count();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Replay " + runs.size() + " runs? " + (runs.size() - failed) + " succeeded and run again as they were; "
                        + failed + " did not succeed and run their failed part again, the rest reused.",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Replay " + runs.size() + " runs");
        confirm.initOwner(owner.get());
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        for (Run run : runs) {
            ReplayRequest request = run.state() == RunState.SUCCEEDED ? ReplayRequest.asIs()
                    : ReplayRequest.of(ReplayScope.failed());
            ui.submit(() -> workspace.replay(run.id(), request), started -> watchEnd.accept(started.id()),
                    failure -> messages.error("Replaying run " + run.id(), failure));
        }
        messages.info("Replaying " + runs.size() + " runs; a notification says how each ends.");
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
