package dev.reprise.ui.shell;

import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Shows {@link RunEndNotices} as ControlsFX notifications in the window's corner: non-blocking, gone after
 * a few seconds, with an "Open run" action, and, while the window is not in front, as a desktop notification
 * too ({@link DesktopNotifier}); and puts the "Notify when any run ends" switch in the runs table's context
 * menu. FX thread only.
 */
final class RunEndPopups {

    private static final Logger LOG = LoggerFactory.getLogger(RunEndPopups.class);

    private RunEndPopups() {
    }

    static void install(RunEndNotices notices, ContextMenu menu, Supplier<Window> window, Consumer<String> openRun,
                        Messages messages, DesktopNotifier desktop, UiExecutor ui) {
        CheckMenuItem all = new CheckMenuItem("Notify when any run ends");
        all.setId("notify-all-runs");
        all.selectedProperty().bindBidirectional(notices.allRunsProperty());
        menu.getItems().add(all);
        notices.latestProperty().addListener((o, a, notice) -> {
            if (notice != null) {
                show(notice, window.get(), openRun, messages);
                tellTheDesktop(notice, window.get(), desktop, ui);
            }
        });
    }

    private static void show(RunEndNotices.Notice notice, Window window, Consumer<String> openRun, Messages messages) {
        // the banner keeps the news after the popup has gone
        if (notice.failed()) {
            messages.error(notice.text());
        } else {
            messages.info(notice.text());
        }
        if (window == null || !window.isShowing()) {
            return;
        }
        try {
            Notifications note = Notifications.create().owner(window).title(notice.title()).text(notice.text())
                    .hideAfter(Duration.seconds(8))
                    .action(new Action("Open run", e -> openRun.accept(notice.runId())))
                    .onAction(e -> openRun.accept(notice.runId()));
            if (notice.failed()) {
                note.showError();
            } else {
                note.showInformation();
            }
        } catch (RuntimeException e) {
            // a popup that cannot show is no reason to lose the news: the banner says it already
            LOG.warn("could not show the notification for run {}", notice.runId(), e);
        }
    }

    /**
     * Tells the desktop too when the window is not in front (behind another, minimised, on another
     * workspace), where its own notice goes unseen; off the FX thread, as it runs a process. A desktop that
     * cannot be told is no error: the window's notice and the banner are there.
     */
    private static void tellTheDesktop(RunEndNotices.Notice notice, Window window, DesktopNotifier desktop,
                                       UiExecutor ui) {
        if (desktop == DesktopNotifier.NONE || window == null || !window.isShowing() || window.isFocused()) {
            return;
        }
        ui.submit(() -> {
            desktop.notify(notice.title(), notice.text());
            return null;
        }, done -> { }, failure -> LOG.debug("could not raise a desktop notification for run {}: {}",
                notice.runId(), failure.toString()));
    }
}
