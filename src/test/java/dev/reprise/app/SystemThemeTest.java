package dev.reprise.app;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each system's answer to "dark or light?", parsed; the commands are answered by a table, not run. */
class SystemThemeTest {

    private final List<String> asked = new ArrayList<>();

    private SystemTheme on(String os, Map<String, String> answers) {
        return new SystemTheme(os, (command, timeout) -> {
            String line = String.join(" ", command);
            asked.add(line);
            return Optional.ofNullable(answers.get(line));
        }, Duration.ofSeconds(1));
    }

    @Test
    void gnomeColorSchemePreferDarkIsDark() {
        assertThat(SystemTheme.gnomeColorScheme("'prefer-dark'\n")).contains(true);
        assertThat(SystemTheme.gnomeColorScheme("'prefer-light'")).contains(false);
        assertThat(SystemTheme.gnomeColorScheme("'default'")).isEmpty();
    }

    @Test
    void gtkThemeNamedDarkIsDark() {
        assertThat(SystemTheme.gtkThemeIsDark("'Adwaita-dark'\n")).isTrue();
        assertThat(SystemTheme.gtkThemeIsDark("'Yaru-Dark'")).isTrue();
        assertThat(SystemTheme.gtkThemeIsDark("'Adwaita'")).isFalse();
    }

    @Test
    void macDarkInterfaceStyleIsDark() {
        assertThat(SystemTheme.macIsDark("Dark\n")).isTrue();
        assertThat(SystemTheme.macIsDark("Light")).isFalse();
    }

    @Test
    void windowsAppsUseLightThemeZeroIsDark() {
        String dark = """

                HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize
                    AppsUseLightTheme    REG_DWORD    0x0

                """;
        assertThat(SystemTheme.windowsIsDark(dark)).isTrue();
        assertThat(SystemTheme.windowsIsDark(dark.replace("0x0", "0x1"))).isFalse();
        assertThat(SystemTheme.windowsIsDark("ERROR: The system was unable to find the specified registry key")).isFalse();
    }

    @Test
    void linuxFallsBackToTheGtkThemeWhenTheColorSchemeSaysNothing() {
        SystemTheme linux = on("Linux", Map.of(
                "gsettings get org.gnome.desktop.interface color-scheme", "'default'",
                "gsettings get org.gnome.desktop.interface gtk-theme", "'Adwaita-dark'"));

        assertThat(linux.prefersDark()).isTrue();
        assertThat(asked).hasSize(2);
    }

    @Test
    void eachSystemAsksItsOwnCommand() {
        assertThat(on("Mac OS X", Map.of("defaults read -g AppleInterfaceStyle", "Dark")).prefersDark()).isTrue();
        assertThat(on("Windows 11", Map.of()).prefersDark()).isFalse();
        assertThat(asked).anyMatch(line -> line.startsWith("reg query HKCU\\") && line.endsWith("/v AppsUseLightTheme"));
    }

    @Test
    void noAnswerMeansLight() {
        assertThat(on("Linux", Map.of()).prefersDark()).isFalse();
        assertThat(on("Mac OS X", Map.of()).prefersDark()).isFalse();
    }

    @Test
    void aMissingCommandOnThisMachineMeansLightNotAnError() {
        SystemTheme absent = new SystemTheme("Linux",
                (command, timeout) -> Optional.empty(), Duration.ofMillis(100));
        assertThat(absent.prefersDark()).isFalse();
    }
}
