package dev.reprise.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the person for a file to read or to write. The window uses {@link FxFileChoices} (the system's file
 * dialog); view-model tests give the paths themselves. Called on the UI thread.
 */
public interface FileChoices {

    /** A file to read, or empty when the person cancelled. */
    Optional<Path> open(String title);

    /** A file to write, {@code suggestedName} offered, or empty when the person cancelled. */
    Optional<Path> save(String title, String suggestedName);
}
