package dev.reprise.app;

import dev.reprise.ui.common.ThemeMode;
import dev.reprise.ui.common.ThemeSettings;

/**
 * The window's {@link ThemeSettings}: the choice kept in the {@link SettingsFile}, the system's preference
 * asked of {@link SystemTheme} once (the answer is kept for the process's life). Thread-safe.
 */
final class AppThemeSettings implements ThemeSettings {

    private final SettingsFile file;
    private final SystemTheme system;
    private Boolean systemDark;

    AppThemeSettings(SettingsFile file, SystemTheme system) {
        this.file = file;
        this.system = system;
    }

    @Override
    public ThemeMode load() {
        return file.read().theme();
    }

    @Override
    public void save(ThemeMode mode) {
        file.write(new SettingsFile.Settings(mode));
    }

    @Override
    public synchronized boolean systemPrefersDark() {
        if (systemDark == null) {
            systemDark = system.prefersDark();
        }
        return systemDark;
    }
}
