package dev.reprise.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The window's theme: the user's choice ({@link ThemeMode}) and whether the look is dark now. {@link #start}
 * reads the saved choice and, when it is "system", asks the OS once, both off the UI thread; the window shows
 * light until they answer. {@link #choose} and {@link #toggle} save the new choice. UI thread only.
 */
public final class ThemeModel {

    private final ThemeSettings settings;
    private final UiExecutor ui;
    private final Messages messages;
    private final ReadOnlyObjectWrapper<ThemeMode> mode = new ReadOnlyObjectWrapper<>(this, "mode", ThemeMode.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark", false);
    private Boolean systemDark;
    private boolean chosen;

    public ThemeModel(ThemeSettings settings, UiExecutor ui, Messages messages) {
        this.settings = settings;
        this.ui = ui;
        this.messages = messages;
    }

    /** Reads the saved choice and, if it follows the system, what the system prefers. */
    public void start() {
        ui.submit(settings::load, saved -> {
            if (!chosen) {
                mode.set(saved);
                apply();
            }
        }, failure -> messages.error("Reading the theme setting", failure));
    }

    /** Makes {@code next} the choice, shows it and saves it. */
    public void choose(ThemeMode next) {
        chosen = true;
        mode.set(next);
        apply();
        ui.submit(() -> {
            settings.save(next);
            return next;
        }, saved -> { }, failure -> messages.error("Saving the theme setting", failure));
    }

    /** Switches between light and dark, and keeps that choice (no longer following the system). */
    public void toggle() {
        choose(dark.get() ? ThemeMode.LIGHT : ThemeMode.DARK);
    }

    private void apply() {
        switch (mode.get()) {
            case LIGHT -> dark.set(false);
            case DARK -> dark.set(true);
            case SYSTEM -> {
                if (systemDark != null) {
                    dark.set(systemDark);
                } else {
                    ui.submit(settings::systemPrefersDark, answer -> {
                        systemDark = answer;
                        if (mode.get() == ThemeMode.SYSTEM) {
                            dark.set(answer);
                        }
                    }, failure -> systemDark = false);
                }
            }
        }
    }

    public ReadOnlyObjectProperty<ThemeMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }
}
