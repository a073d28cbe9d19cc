package dev.reprise.ui.common;

import java.util.Locale;
import java.util.Optional;

/** The theme the user chose: follow the operating system, or always light, or always dark. */
public enum ThemeMode {
    SYSTEM, LIGHT, DARK;

    /** The lower-case name kept in the settings file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code key} (any case), if there is one. */
    public static Optional<ThemeMode> fromKey(String key) {
        for (ThemeMode mode : values()) {
            if (mode.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
