package dev.reprise.ui.common;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link FileChoices} through JavaFX's {@link FileChooser}, the system's file dialog, over {@code owner}'s window
 * (none while the owner has no window yet). FX thread only.
 */
public final class FxFileChoices implements FileChoices {

    private final Supplier<Window> owner;

    public FxFileChoices(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> open(String title, Kind kind) {
        return Optional.ofNullable(chooser(title, null, kind).showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> save(String title, String suggestedName, Kind kind) {
        return Optional.ofNullable(chooser(title, suggestedName, kind).showSaveDialog(owner.get())).map(File::toPath);
    }

    /** The dialog as it is shown: {@code title}, the files of {@code kind} first, then all files; a suggested name. */
    static FileChooser chooser(String title, String suggestedName, Kind kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (!kind.patterns().isEmpty()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.description(), kind.patterns()));
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Kind.ANY.description(), "*"));
        if (suggestedName != null) {
            chooser.setInitialFileName(suggestedName);
        }
        return chooser;
    }
}
