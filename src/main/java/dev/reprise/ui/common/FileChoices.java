package dev.reprise.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Asks the person for a file to read or to write: every file dialog of the window goes through one. The window
 * uses {@link FxFileChoices} (the system's file dialog); tests hand out the paths themselves. Called on the UI
 * thread.
 */
public interface FileChoices {

    /** Which files a dialog offers first; all files are offered after them. */
    enum Kind {
        /** A start-run dialog's saved inputs. */
        RUN_CONFIGURATION("YAML files", List.of("*.yaml", "*.yml")),
        FLOW("Flow files (YAML)", List.of("*.yaml", "*.yml")),
        /** What File › Export run… writes and Import run… reads. */
        RUN_ARCHIVE("Exported runs (zip)", List.of("*.zip")),
        /** A file for a step's input: no kind is offered before all files. */
        ANY("All files", List.of());

        private final String description;
        private final List<String> patterns;

        Kind(String description, List<String> patterns) {
            this.description = description;
            this.patterns = patterns;
        }

        public String description() {
            return description;
        }

        /** The file name patterns ({@code *.zip}) of this kind; empty for {@link #ANY}. */
        public List<String> patterns() {
            return patterns;
        }
    }

    /** A file of {@code kind} to read, or empty when the person cancelled. */
    Optional<Path> open(String title, Kind kind);

    /** A file of {@code kind} to write, {@code suggestedName} offered, or empty when the person cancelled. */
    Optional<Path> save(String title, String suggestedName, Kind kind);
}
