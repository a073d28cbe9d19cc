package dev.reprise.ui.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an exception nobody caught ends up: the app installs it as the default uncaught-exception
 * handler, so an exception thrown in an FX callback (an event handler, a listener, a {@code runLater}) or
 * on any other thread is logged with its stack trace and shown in the window's banner, in words, instead
 * of going to stderr. Thread-safe: the banner is told on the UI thread.
 */
public final class UncaughtErrors implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrors.class);

    private final Messages messages;
    private final UiExecutor ui;

    public UncaughtErrors(Messages messages, UiExecutor ui) {
        this.messages = messages;
        this.ui = ui;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        LOG.error("uncaught exception in thread {}", thread.getName(), error);
        try {
            ui.runOnUi(() -> messages.unexpected(error));
        } catch (RuntimeException | LinkageError reporting) {
            // the banner itself failed: the log has both, and nothing is thrown back at the handler
            LOG.error("could not show the uncaught exception in the window", reporting);
        }
    }
}
