package dev.reprise.app;

import dev.reprise.ui.common.ThemeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings file on a real folder. */
class SettingsFileTest {

    @TempDir
    Path folder;

    @Test
    void savedThemeReadsBackInANewInstance() {
        Path file = folder.resolve("nested/settings.json");
        new SettingsFile(file).write(new SettingsFile.Settings(ThemeMode.DARK));

        assertThat(new SettingsFile(file).read().theme()).isEqualTo(ThemeMode.DARK);
        assertThat(folder.resolve("nested")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void missingFileReadsAsFollowingTheSystem() {
        assertThat(new SettingsFile(folder.resolve("none.json")).read()).isEqualTo(SettingsFile.Settings.defaults());
    }

    @Test
    void unreadableFileFallsBackToTheDefaults() throws Exception {
        Path file = folder.resolve("settings.json");
        Files.writeString(file, "{ theme: ");

        assertThat(new SettingsFile(file).read().theme()).isEqualTo(ThemeMode.SYSTEM);
    }

    @Test
    void unknownThemeFallsBackToTheDefaultAndKnownOnesReadInAnyCase() throws Exception {
        Path file = folder.resolve("settings.json");
        Files.writeString(file, "{\"theme\": \"purple\"}");
        assertThat(new SettingsFile(file).read().theme()).isEqualTo(ThemeMode.SYSTEM);

        Files.writeString(file, "{\"theme\": \"Light\"}");
        assertThat(new SettingsFile(file).read().theme()).isEqualTo(ThemeMode.LIGHT);
    }

    @Test
    void fieldsOfALaterVersionAreIgnored() throws Exception {
        Path file = folder.resolve("settings.json");
        Files.writeString(file, "{\"theme\": \"dark\", \"later\": 1}");

        assertThat(new SettingsFile(file).read().theme()).isEqualTo(ThemeMode.DARK);
    }

    @Test
    void savingReplacesTheWholeFile() throws Exception {
        Path file = folder.resolve("settings.json");
        Files.writeString(file, "garbage that is not JSON");
        new SettingsFile(file).write(new SettingsFile.Settings(ThemeMode.LIGHT));

        assertThat(Files.readString(file)).contains("\"theme\"").contains("\"light\"");
    }
}
