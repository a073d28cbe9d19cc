package dev.reprise.ui;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.run.Run;
import dev.reprise.ui.dag.DagView;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throw-away window for looking at the charts on a real run (not a test): runs a bundled example in a
 * temporary workspace and shows its Gantt or DAG. Arguments: {@code gantt|dag} {@code example}
 * {@code [selected step]} {@code [dark]}. For screenshots under Xvfb.
 */
public final class ChartsPreview extends Application {

    private LocalWorkspace workspace;

    @Override
    public void start(Stage stage) throws Exception {
        List<String> args = getParameters().getRaw();
        String which = args.isEmpty() ? "gantt" : args.get(0);
        String example = args.size() > 1 ? args.get(1) : "model_training";
        String selected = args.size() > 2 ? args.get(2) : null;
        boolean dark = args.size() > 3 && args.get(3).equals("dark");
        workspace = LocalWorkspaces.open(Files.createTempDirectory("reprise-preview"), LocalWorkspaces.Options.defaults());
        String source = Files.readString(Path.of("assets/examples", example, "flow.yaml"));
        Flow flow = new FlowParser().parse(source, "flow.yaml");
        workspace.applyFlow(source, "flow.yaml");
        Run run = workspace.await(workspace.start(StartRequest.of(flow.id())).id());
        RunDetail detail = workspace.run(run.id());
        Region view;
        if (which.equals("dag")) {
            DagView dag = new DagView();
            dag.show(detail, flow);
            dag.selectedStepProperty().set(selected);
            view = dag;
        } else {
            GanttView gantt = new GanttView();
            gantt.show(detail, flow);
            gantt.selectedStepProperty().set(selected);
            view = gantt;
        }
        if (dark) {
            view.getStyleClass().add("dark");
        }
        stage.setScene(new Scene(view, 1400, 620));
        stage.setX(0);
        stage.setY(0);
        stage.setTitle("Reprise " + which + " — " + flow.id());
        stage.show();
    }

    @Override
    public void stop() {
        if (workspace != null) {
            workspace.close();
        }
    }

    /** The entry point: a main class that is not an Application, so the JavaFX jars can sit on the class path. */
    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(ChartsPreview.class, args);
        }
    }
}
