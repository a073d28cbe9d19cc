package dev.reprise.ui.common;

/**
 * Where the window's theme choice is kept and what the operating system prefers. The app gives the window
 * one backed by the settings file and an OS probe; each method may do I/O or start a process, so they are
 * called through the {@link UiExecutor}, never on the UI thread. Implementations are thread-safe.
 */
public interface ThemeSettings {

    /** The saved choice; {@link ThemeMode#SYSTEM} when nothing usable is saved. */
    ThemeMode load();

    /** Saves {@code mode} for the next start. */
    void save(ThemeMode mode);

    /** Whether the operating system prefers a dark look; false when it cannot tell. */
    boolean systemPrefersDark();

    /** Settings kept in memory only, for tests and for windows that must not touch the user's file. */
    static ThemeSettings inMemory(ThemeMode initial, boolean systemDark) {
        return new ThemeSettings() {
            private volatile ThemeMode mode = initial;

            @Override
            public ThemeMode load() {
                return mode;
            }

            @Override
            public void save(ThemeMode next) {
                mode = next;
            }

            @Override
            public boolean systemPrefersDark() {
                return systemDark;
            }
        };
    }
}
