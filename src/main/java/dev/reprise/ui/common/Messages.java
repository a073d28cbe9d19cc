package dev.reprise.ui.common;

import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.WorkspaceException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;

/**
 * What the window has to tell the user (errors first of all), shown by the shell's banner. Every view
 * model reports failures here, in words, never as a stack trace; unexpected exceptions are also logged.
 * UI thread only.
 */
public final class Messages {

    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

    public enum Level { INFO, ERROR }

    public record Message(Level level, String text) {
    }

    private final ObservableList<Message> messages = FXCollections.observableArrayList();

    public ObservableList<Message> all() {
        return messages;
    }

    public void info(String text) {
        add(new Message(Level.INFO, text));
    }

    /** Reports something that went wrong, already in words. */
    public void error(String text) {
        add(new Message(Level.ERROR, text));
    }

    /** Reports {@code failure} of {@code what} ("Loading runs") as one readable sentence. */
    public void error(String what, Throwable failure) {
        add(new Message(Level.ERROR, what + " failed: " + describe(failure)));
    }

    /** Reports an exception nobody expected (see {@link UncaughtErrors}), already logged. */
    public void unexpected(Throwable error) {
        add(new Message(Level.ERROR, "Unexpected error: " + words(error)));
    }

    public void dismiss(Message message) {
        messages.remove(message);
    }

    private void add(Message message) {
        messages.remove(message);
        messages.add(message);
        if (messages.size() > 20) {
            messages.remove(0);
        }
    }

    /** A failure in words: the workspace's own message, or the exception's message, logged when unexpected. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof UncheckedIOException || cause.getClass() == RuntimeException.class
                || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidInputException invalid && !invalid.problems().isEmpty()) {
            return String.join("; ", invalid.problems().stream().map(Object::toString).toList());
        }
        if (cause instanceof WorkspaceException || cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        LOG.warn("unexpected failure", failure);
        return words(cause);
    }

    /** An exception in words, without logging it: its message and its kind. */
    private static String words(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof UncheckedIOException || cause.getClass() == RuntimeException.class
                || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : message + " (" + cause.getClass().getSimpleName() + ")";
    }
}
