package dev.reprise.ui.flows;

import dev.reprise.flow.Problem;
import dev.reprise.run.Run;
import dev.reprise.run.Snapshot;
import dev.reprise.ui.common.Debouncer;
import dev.reprise.ui.common.FileChoices;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.ConfiguredCalls;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Run… dialog of a flow revision or a snapshot: its {@link StartFormModel} and, beside it, the run
 * configuration editor — the YAML of {@link RunConfigFile} — kept in step with the form both ways: an edit of the
 * form rewrites the text; an edit of the text is checked once typing pauses (its shape, then its values for the
 * flow, each problem at its line and column with the words the command line uses) and, when it has no problem,
 * shown in the form. The text can be loaded from a file and saved as one. {@link #run} starts the run of the text
 * as {@code reprise run --config} (or {@code snapshots run --config}) would; a refusal is shown at its places and the
 * dialog keeps every value. UI thread only.
 */
public final class StartRunModel {

    /** What the dialog runs: a flow revision or a snapshot. */
    public interface Target {

        /** The words of the dialog's header. */
        String title();

        /** The comment at the top of the text. */
        List<String> comment();

        /** What {@code file} is wrong about for this target besides its values: a flow or revision that is another. */
        List<Problem> mismatches(RunConfigFile file);

        /** Starts the run of {@code file}; called away from the UI thread. */
        Run start(RunConfigFile file);
    }

    /** A run of {@code form}'s flow revision, started as {@code reprise run --config} starts one. */
    public static Target flow(Workspace workspace, StartFormModel form) {
        String flowId = form.revision().flowId();
        int revision = form.revision().revision();
        return new Target() {
            @Override
            public String title() {
                return "Start a run of " + flowId + ", revision " + revision;
            }

            @Override
            public List<String> comment() {
                return List.of("a run of " + flowId + " revision " + revision + "; reprise run --config FILE starts "
                        + "one like it");
            }

            @Override
            public List<Problem> mismatches(RunConfigFile file) {
                return ConfiguredCalls.mismatches(file, "this Run… dialog", flowId, revision,
                        other -> "run revision " + other + " from the flows view");
            }

            @Override
            public Run start(RunConfigFile file) {
                return ConfiguredCalls.start(workspace, file.overriddenBy(RunConfig.empty().withFlow(flowId, revision)));
            }
        };
    }

    /** A run of {@code snapshot}, the text's values over its own, as {@code reprise snapshots run --config} runs it. */
    public static Target snapshot(Workspace workspace, Snapshot snapshot) {
        return new Target() {
            @Override
            public String title() {
                return "Run snapshot " + snapshot.name() + " (" + snapshot.flowId() + " revision "
                        + snapshot.revision() + ")";
            }

            @Override
            public List<String> comment() {
                return List.of("a run of snapshot " + snapshot.name() + "; reprise snapshots run " + snapshot.name()
                        + " --config FILE starts one like it");
            }

            @Override
            public List<Problem> mismatches(RunConfigFile file) {
                return ConfiguredCalls.mismatches(file, "snapshot " + snapshot.name(), snapshot.flowId(),
                        snapshot.revision(), other -> "make a snapshot of revision " + other);
            }

            @Override
            public Run start(RunConfigFile file) {
                return ConfiguredCalls.runSnapshot(workspace, file, snapshot.name());
            }
        };
    }

    /** The largest file Load from file… reads: a run configuration is a few lines. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final String UNNAMED = "run configuration";

    /** A text checked: its configuration when it has no problem. */
    private record Checked(RunConfig config, List<Problem> problems) {
    }

    private final StartFormModel form;
    private final Target target;
    private final UiExecutor ui;
    private final Debouncer debouncer;
    private final FileChoices files;

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyObjectWrapper<Map<Integer, List<Problem>>> problemsByLine =
            new ReadOnlyObjectWrapper<>(this, "problemsByLine", Map.of());
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun");
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(this, "canSave");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    private String fileName = UNNAMED;
    /** The text is being written from the form: it needs no applying back. */
    private boolean writing;
    /** The form is being set from the text: it needs no writing back. */
    private boolean applying;
    private long generation;

    public StartRunModel(StartFormModel form, Target target, UiExecutor ui, Debouncer debouncer, FileChoices files) {
        this.form = form;
        this.target = target;
        this.ui = ui;
        this.debouncer = debouncer;
        this.files = files;
        text.addListener((o, a, b) -> {
            if (!writing) {
                generation++;
                checking.set(true);
                update();
                debouncer.schedule(() -> check(true));
            }
        });
        form.changesProperty().addListener((o, a, b) -> {
            if (!applying) {
                write();
            }
        });
        form.validProperty().addListener((o, a, b) -> update());
        write();
    }

    /** The text of the form's configuration, checked (it may still name an input's value the flow refuses). */
    private void write() {
        writing = true;
        try {
            text.set(RunConfigFile.write(form.config(), target.comment()));
        } finally {
            writing = false;
        }
        error.set(null);
        check(false);
    }

    /** Checks the text as it is now; when {@code apply} and it has no problem, shows it in the form. */
    private void check(boolean apply) {
        String checked = text.get();
        String name = fileName;
        long mine = ++generation;
        checking.set(true);
        update();
        ui.submit(() -> problemsOf(checked, name), result -> {
            if (mine != generation) {
                return;
            }
            checking.set(false);
            setProblems(result.problems());
            if (apply && result.problems().isEmpty()) {
                applying = true;
                try {
                    form.apply(result.config());
                } finally {
                    applying = false;
                }
            }
            update();
        }, failure -> {
            if (mine == generation) {
                checking.set(false);
                setProblems(List.of(Problem.of("the configuration could not be checked: "
                        + Messages.describe(failure))));
                update();
            }
        });
    }

    private Checked problemsOf(String checked, String name) {
        RunConfigFile file;
        try {
            file = RunConfigFile.read(checked, name);
        } catch (InvalidInputException e) {
            return new Checked(null, problemsOf(e));
        }
        List<Problem> found = new ArrayList<>(target.mismatches(file));
        found.addAll(ConfiguredCalls.problems(file, form.flow(), form.stepTypes()));
        return new Checked(file.config(), found);
    }

    private static List<Problem> problemsOf(InvalidInputException e) {
        return e.problems().isEmpty() ? List.of(Problem.of(e.getMessage())) : e.problems();
    }

    private void setProblems(List<Problem> found) {
        problems.setAll(found);
        problemsByLine.set(ProblemLines.of(found));
    }

    private void update() {
        boolean clean = !checking.get() && problems.isEmpty();
        canSave.set(clean);
        canRun.set(clean && form.validProperty().get() && !running.get());
    }

    // ---- files

    /** Asks for a file and puts its text in the editor, where it is checked and, when it has no problem, shown. */
    public void loadFromFile() {
        Optional<Path> chosen = files.open("Load a run configuration", FileChoices.Kind.RUN_CONFIGURATION);
        chosen.ifPresent(path -> ui.submit(() -> read(path), loaded -> {
            fileName = path.getFileName().toString();
            error.set(null);
            status.set("Loaded " + path);
            text.set(loaded);
            check(true);
        }, failure -> error.set("Loading " + path + " failed: " + Messages.describe(failure))));
    }

    private static String read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(path + " is " + size + " bytes; a run configuration file is at most "
                    + MAX_FILE_BYTES + " bytes");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    /** Asks where, then writes the text there; only a text without problems is written. */
    public void saveToFile() {
        if (!canSave.get()) {
            return;
        }
        String saved = text.get();
        String suggested = fileName.equals(UNNAMED) ? form.revision().flowId() + ".run.yaml" : fileName;
        Optional<Path> chosen = files.save("Save the run configuration", suggested, FileChoices.Kind.RUN_CONFIGURATION);
        chosen.ifPresent(path -> ui.submit(() -> {
            Files.writeString(path, saved, StandardCharsets.UTF_8);
            return path;
        }, written -> {
            error.set(null);
            status.set("Saved as " + written);
        }, failure -> error.set("Saving " + path + " failed: " + Messages.describe(failure))));
    }

    // ---- run

    /** Starts the run of the text; {@code onStarted} gets it. A refusal is shown, with its problems at their places. */
    public void run(Consumer<Run> onStarted) {
        update();
        if (!canRun.get()) {
            return;
        }
        String started = text.get();
        String name = fileName;
        running.set(true);
        error.set(null);
        update();
        ui.submit(() -> target.start(RunConfigFile.read(started, name)), run -> {
            running.set(false);
            update();
            onStarted.accept(run);
        }, failure -> {
            running.set(false);
            error.set("The run was refused: " + Messages.describe(failure));
            if (failure instanceof InvalidInputException invalid) {
                generation++;
                setProblems(problemsOf(invalid));
            }
            update();
        });
    }

    // ---- properties

    public StartFormModel form() {
        return form;
    }

    public String title() {
        return target.title();
    }

    /** The run configuration as YAML: the editor's text. */
    public StringProperty textProperty() {
        return text;
    }

    /** The problems of the text (or of the last refused run), in file order. */
    public ObservableList<Problem> problems() {
        return readOnlyProblems;
    }

    /** The problems that have a place, by 1-based line. */
    public ReadOnlyObjectProperty<Map<Integer, List<Problem>>> problemsByLineProperty() {
        return problemsByLine.getReadOnlyProperty();
    }

    /** True from an edit of the text until it has been checked. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True while the text has been checked without a problem, the form is valid and no run is being started. */
    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    /** True while the text has been checked without a problem. */
    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    /** What the last load or save did. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last run, load or save failed; null when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
