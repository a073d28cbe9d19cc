package dev.reprise.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import dev.reprise.run.PrivateFiles;
import dev.reprise.ui.common.ThemeMode;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The window's settings file ({@code ~/.reprise/settings.json}): for now the theme choice. A missing or
 * unreadable file, or an unknown value, reads as the defaults (a settings file must never stop the window
 * from opening); writes replace the file atomically, as {@link PrivateFiles} writes. Thread-safe (its methods
 * are synchronized).
 */
final class SettingsFile {

    /** What the file holds. */
    record Settings(ThemeMode theme) {
        Settings {
            theme = theme == null ? ThemeMode.SYSTEM : theme;
        }

        static Settings defaults() {
            return new Settings(ThemeMode.SYSTEM);
        }
    }

    /**
     * The file's JSON shape: names, not enum constants, so that hand edits in any case read; fields a later
     * version adds are ignored.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(String theme) {
    }

    private final Path file;
    private final ObjectMapper mapper = Json.newMapper();

    SettingsFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    synchronized Settings read() {
        try {
            Stored stored = mapper.readValue(Files.readAllBytes(file), Stored.class);
            return new Settings(stored == null ? null : ThemeMode.fromKey(stored.theme()).orElse(null));
        } catch (NoSuchFileException e) {
            return Settings.defaults();
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(SettingsFile.class).warn("ignoring the unreadable settings file {}: {}", file,
                    e.getMessage());
            return Settings.defaults();
        }
    }

    synchronized void write(Settings settings) {
        try {
            PrivateFiles.write(file, mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Stored(settings.theme().key())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the settings in " + file, e);
        }
    }
}
