package dev.reprise.ui.shell;

import dev.reprise.run.RunState;
import dev.reprise.ui.common.FxScheduler;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.Ticker;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.ui.runs.RunsViewModel;
import dev.reprise.workspace.AppVersion;
import dev.reprise.workspace.BundledExamples;
import dev.reprise.workspace.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The main window's state: the workspace it shows, the runs browser, the open tabs ({@link Navigation}),
 * the theme, the messages banner, the notices of runs ending and the first-start seeding with the bundled
 * examples (with progress). UI thread only.
 */
public final class ShellViewModel {

    static final double MIN_SCALE = 0.7;
    static final double MAX_SCALE = 2.0;
    private static final double SCALE_STEP = 0.1;

    private final Workspace workspace;
    private final UiExecutor ui;
    private final Messages messages;
    private final Optional<BundledExamples> examples;
    private final RunsViewModel runs;
    private final RunEndNotices runEnds;
    private final Clock clock;
    private final DesktopNotifier desktopNotifier;
    private final Navigation navigation = new Navigation();
    private final Ticker ticker = new Ticker(new FxScheduler(), Duration.ofSeconds(1));

    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final ReadOnlyDoubleWrapper fontScale = new ReadOnlyDoubleWrapper(this, "fontScale", 1);
    private final ReadOnlyBooleanWrapper seeding = new ReadOnlyBooleanWrapper(this, "seeding");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");

    /** @param examples what to fill an empty workspace with; empty to leave it empty */
    public ShellViewModel(Workspace workspace, UiExecutor ui, Messages messages, Optional<BundledExamples> examples,
                          ZoneId zone) {
        this(workspace, ui, messages, examples, Clock.system(zone));
    }

    /** @param clock the time and zone of every view of the window: durations, "now" lines, dates */
    public ShellViewModel(Workspace workspace, UiExecutor ui, Messages messages, Optional<BundledExamples> examples,
                          Clock clock) {
        this(workspace, ui, messages, examples, clock, DesktopNotifier.NONE);
    }

    /** @param desktopNotifier tells the desktop when a run ends while the window is not in front */
    public ShellViewModel(Workspace workspace, UiExecutor ui, Messages messages, Optional<BundledExamples> examples,
                          Clock clock, DesktopNotifier desktopNotifier) {
        this.desktopNotifier = desktopNotifier;
        this.workspace = workspace;
        this.ui = ui;
        this.messages = messages;
        this.examples = examples;
        this.clock = clock;
        this.runs = new RunsViewModel(workspace, ui, messages, clock);
        this.runEnds = new RunEndNotices(workspace, ui, messages);
    }

    /** Starts the runs browser and, on a first start, adds and runs the examples. */
    public void start() {
        runs.start();
        runEnds.start();
        examples.ifPresent(bundled -> ui.submit(() -> BundledExamples.isEmpty(workspace), empty -> {
            if (empty) {
                seed(bundled);
            }
        }, failure -> messages.error("Opening the workspace", failure)));
    }

    private void seed(BundledExamples bundled) {
        seeding.set(true);
        progress.set(-1);
        progressText.set("First start: adding the example flows…");
        ui.submit(() -> bundled.seed(workspace, p -> ui.runOnUi(() -> {
            progress.set(p.done() == 0 ? Math.max(progress.get(), 0.05) : p.fraction());
            progressText.set("First start: " + p.message() + " (" + p.done() + " of " + p.total() + " runs done)");
        })), seeded -> {
            seeding.set(false);
            long failed = seeded.stream().filter(s -> s.run().state() == RunState.FAILED).count();
            messages.info("Added " + seeded.size() + " example flows and ran each once"
                    + (failed > 0 ? "; " + failed + " failed, as bike_trips does on purpose: open it to see why" : "") + ".");
            runs.refresh();
        }, failure -> {
            seeding.set(false);
            messages.error("Adding the examples", failure);
            runs.refresh();
        });
    }

    public void close() {
        runs.close();
        runEnds.close();
    }

    public RunsViewModel runs() {
        return runs;
    }

    /** Notices of runs ending: those started from this window, or all. */
    /** How the desktop is told of a run that ends while the window is not in front. */
    public DesktopNotifier desktopNotifier() {
        return desktopNotifier;
    }

    public RunEndNotices runEnds() {
        return runEnds;
    }

    /** Which tabs are open and which is selected. */
    public Navigation navigation() {
        return navigation;
    }

    public Clock clock() {
        return clock;
    }

    /** The one tick (about a second) that moves the durations of running runs and steps on, in every view. */
    public Ticker ticker() {
        return ticker;
    }

    /** The window's text size as a factor of the theme's (View › Zoom), between {@value #MIN_SCALE} and {@value #MAX_SCALE}. */
    public ReadOnlyDoubleProperty fontScaleProperty() {
        return fontScale.getReadOnlyProperty();
    }

    /** Makes the text a step larger (positive {@code steps}) or smaller, within the bounds. */
    public void zoom(int steps) {
        double next = Math.round((fontScale.get() + steps * SCALE_STEP) * 10) / 10.0;
        fontScale.set(Math.max(MIN_SCALE, Math.min(MAX_SCALE, next)));
    }

    /** The theme's text size again. */
    public void resetZoom() {
        fontScale.set(1);
    }

    /** The version of Reprise this window belongs to: see {@link AppVersion}. */
    public String version() {
        return AppVersion.current();
    }

    public Workspace workspace() {
        return workspace;
    }

    public UiExecutor ui() {
        return ui;
    }

    public Messages messages() {
        return messages;
    }

    public String location() {
        return workspace.location();
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public void toggleTheme() {
        dark.set(!dark.get());
    }

    public ReadOnlyBooleanProperty seedingProperty() {
        return seeding.getReadOnlyProperty();
    }

    /** Seeding progress from 0 to 1, or -1 while it is not known. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }
}
