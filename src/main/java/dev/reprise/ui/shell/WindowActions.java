package dev.reprise.ui.shell;

import atlantafx.base.theme.Styles;
import dev.reprise.run.Run;
import dev.reprise.ui.common.FileChoices;
import dev.reprise.ui.common.Formats;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.flows.RunDialogs;
import dev.reprise.ui.replay.ReplayActions;
import dev.reprise.ui.run.Cancellation;
import dev.reprise.workspace.FlowSummary;
import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.RunArchive;
import dev.reprise.workspace.RunBundle;
import dev.reprise.workspace.Workspace;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the menu bar's items do, each through what the window has already: the flows view's editor (a new
 * flow, a flow file), {@link RunArchive} (import, export), the start-run dialog, {@link ReplayActions},
 * {@link Cancellation}, and the dialogs of Help. Work on the workspace or on files goes through the UI
 * executor. FX thread only.
 */
final class WindowActions {

    static final String NEW_FLOW = """
            id: new_flow
            description: What this flow does
            inputs:
              who: { type: string, default: world }
            steps:
              hello:
                type: shell
                inputs: { who: "{{ inputs.who }}" }
                run: echo "greeting=hello $REPRISE_INPUT_who" >> "$REPRISE_OUTPUTS"
            """;

    private final ShellView shell;
    private final ShellViewModel model;
    private final Supplier<Run> selectedRun;
    private final Cancellation cancellation;
    private Runnable connect;

    WindowActions(ShellView shell, ShellViewModel model, Supplier<Run> selectedRun, Cancellation cancellation) {
        this.shell = shell;
        this.model = model;
        this.selectedRun = selectedRun;
        this.cancellation = cancellation;
    }

    private Window owner() {
        return shell.getScene() == null ? null : shell.getScene().getWindow();
    }

    private Workspace workspace() {
        return model.workspace();
    }

    private UiExecutor ui() {
        return model.ui();
    }

    private Messages messages() {
        return model.messages();
    }

    void setConnect(Runnable connect) {
        this.connect = connect;
    }

    boolean canConnect() {
        return connect != null;
    }

    void connect() {
        if (connect != null) {
            connect.run();
        }
    }

    void newFlow() {
        shell.openFlows(null).draft(NEW_FLOW, "New flow");
    }

    void openFlowFile() {
        shell.fileChoices().open("Open a flow file", FileChoices.Kind.FLOW).ifPresent(path -> ui().submit(
                () -> Files.readString(path), text -> shell.openFlows(null).draft(text, path.getFileName().toString()),
                failure -> messages().error("Opening " + path, failure)));
    }

    void importRun() {
        if (!(workspace() instanceof ImportingWorkspace importing)) {
            messages().info("Runs are imported into the local workspace: switch to it, then import.");
            return;
        }
        Optional<Path> chosen = shell.fileChoices().open("Import a run", FileChoices.Kind.RUN_ARCHIVE);
        if (chosen.isEmpty()) {
            return;
        }
        Path path = chosen.get();
        ui().submit(() -> {
            try (RunArchive.Opened archive = RunArchive.open(path)) {
                return importing.importRun(archive.bundle(), archive);
            }
        }, result -> {
            messages().info(result.created() ? "Imported run " + result.run().id() + " from " + path.getFileName() + "."
                    : "Run " + result.run().id() + " was imported already.");
            model.runs().refresh();
            shell.openRun(result.run().id());
        }, failure -> messages().error("Importing " + path.getFileName(), failure));
    }

    void exportRun() {
        Run run = selectedRun.get();
        if (run == null || !run.state().isTerminal()) {
            messages().info("Select a run that has ended to export it.");
            return;
        }
        Optional<Path> chosen = shell.fileChoices().save("Export run " + run.id(),
                run.flowId() + "-" + run.id() + ".zip", FileChoices.Kind.RUN_ARCHIVE);
        if (chosen.isEmpty()) {
            return;
        }
        Path path = chosen.get();
        ui().submit(() -> RunArchive.export(workspace(), run.id(), path), (RunBundle bundle) ->
                        messages().info("Exported run " + run.id() + " (" + Formats.count(bundle.steps().size(), "step")
                                + ", " + Formats.count(bundle.artifacts().size(), "artifact") + ") to " + path + "."),
                failure -> messages().error("Exporting run " + run.id(), failure));
    }

    void quit() {
        Window window = owner();
        if (window != null) {
            window.hide();
        }
    }

    /** Asks which flow, then shows the start-run dialog of its latest revision. */
    void runFlow() {
        Run run = selectedRun.get();
        ui().submit(() -> workspace().flows(), flows -> {
            if (flows.isEmpty()) {
                messages().info("No flows yet: File › New flow makes one.");
                return;
            }
            List<String> ids = flows.stream().map(FlowSummary::id).sorted().toList();
            String first = run != null && ids.contains(run.flowId()) ? run.flowId() : ids.get(0);
            ChoiceDialog<String> choose = new ChoiceDialog<>(first, ids);
            choose.initOwner(owner());
            choose.setTitle("Run flow");
            choose.setHeaderText("Run the latest revision of a flow");
            choose.setContentText("Flow");
            choose.showAndWait().ifPresent(this::startRun);
        }, failure -> messages().error("Loading the flows", failure));
    }

    private void startRun(String flowId) {
        ui().submit(() -> workspace().revision(flowId, null),
                revision -> new RunDialogs(owner(), workspace(), ui(), messages()).runFlow(revision, null, started -> {
                    model.runEnds().watch(started);
                    shell.openRun(started);
                }), failure -> messages().error("Reading flow " + flowId, failure));
    }

    void replay() {
        Run run = selectedRun.get();
        if (run != null && run.state().isTerminal()) {
            shell.replayActions().replayAll(List.of(run));
        }
    }

    void cancelRun() {
        cancellation.cancelRun(selectedRun.get());
    }

    /** The window's keys and what they do, as Help › Keyboard shortcuts (F1) lists them. */
    static final String[][] SHORTCUTS = {
            {"F1", "these shortcuts"},
            {"F5, Ctrl+R", "reload the runs"},
            {"Ctrl+F", "search the runs"},
            {"Alt+↓, Alt+↑", "next, previous run"},
            {"Double-click a run", "keep it open (a click shows it in the preview tab)"},
            {"Delete", "delete the selected runs"},
            {"Ctrl+W", "close the selected tab"},
            {"Ctrl+N, Ctrl+O", "new flow, open a flow file"},
            {"Ctrl+T", "dark or light theme (Ctrl+Shift+T: follow the system)"},
            {"Ctrl+=, Ctrl+-, Ctrl+0", "larger, smaller, actual text size"},
            {"Ctrl+Q", "quit"},
            {"+, -, 0", "Gantt and DAG: zoom in, out, fit"},
            {"Wheel, drag", "Gantt and DAG: zoom, pan"},
            {"Right-click a step", "cancel it while it runs, replay it once it has ended"}};

    void shortcuts() {
        GridPane keys = new GridPane();
        keys.setHgap(18);
        keys.setVgap(4);
        for (int i = 0; i < SHORTCUTS.length; i++) {
            Label key = new Label(SHORTCUTS[i][0]);
            key.getStyleClass().add(Styles.TEXT_BOLD);
            keys.addRow(i, key, new Label(SHORTCUTS[i][1]));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(keys);
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().setId("shortcuts-dialog");
        alert.show();
    }

    void logs() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner());
        alert.setTitle("Where the logs are");
        alert.setHeaderText("Reprise logs to its standard error");
        alert.setContentText("Started from a terminal, the log is there; started from the desktop, it goes where "
                + "the desktop puts a program's output (on Linux, usually the journal: journalctl --user). "
                + "It says only what went wrong unless REPRISE_LOG_LEVEL=info or debug is set.\n\n"
                + "The steps' own logs are kept in the workspace (" + workspace().location()
                + ") and shown in each run's Logs tab.");
        alert.getDialogPane().setId("logs-dialog");
        alert.show();
    }

    void about() {
        Label version = new Label("Version " + model.version());
        version.setId("about-version");
        Label what = new Label("Inspect and replay pipeline runs, on your desktop or a team server.");
        what.setWrapText(true);
        VBox licences = new VBox(2);
        for (String line : List.of(
                "Reprise is built on these libraries, under their licences:",
                "OpenJFX — GPL 2.0 with the Classpath Exception",
                "AtlantaFX — MIT",
                "ControlsFX — BSD 3-Clause",
                "Ikonli — Apache 2.0",
                "RichTextFX — BSD 2-Clause",
                "Eclipse ELK — EPL 2.0",
                "java-diff-utils — Apache 2.0",
                "Javalin — Apache 2.0",
                "Jackson — Apache 2.0",
                "Guava — Apache 2.0",
                "Pebble — BSD 3-Clause",
                "H2 Database — MPL 2.0 or EPL 1.0",
                "PostgreSQL JDBC driver — BSD 2-Clause",
                "HikariCP — Apache 2.0",
                "Flyway — Apache 2.0",
                "picocli — Apache 2.0",
                "SLF4J — MIT; Logback — EPL 1.0 or LGPL 2.1")) {
            licences.getChildren().add(new Label(line));
        }
        licences.setId("about-licences");
        VBox content = new VBox(8, version, what, new Label("Workspace: " + workspace().location()), licences);
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner());
        alert.setTitle("About Reprise");
        alert.setHeaderText("Reprise " + model.version());
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().setId("about-dialog");
        alert.show();
    }
}
