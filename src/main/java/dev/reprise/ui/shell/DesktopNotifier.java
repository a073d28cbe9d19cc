package dev.reprise.ui.shell;

import java.util.Locale;
import java.util.Map;

/**
 * The desktop's own notifications, outside the window: what tells a person whose window is not in front that a
 * run has ended. {@link #NONE} where there is no such service to speak to (or in tests); on Linux the
 * freedesktop notification service through {@link GdbusNotifier}. Implementations may block (they run a
 * process), so callers call them off the FX thread; thread-safe.
 */
@FunctionalInterface
public interface DesktopNotifier {

    /** Tells nothing: the in-window notice alone. */
    DesktopNotifier NONE = (title, body) -> {
    };

    /**
     * Shows {@code title} and {@code body} as a desktop notification.
     *
     * @throws Exception when the desktop cannot be told (no service, no tool to reach it); the caller keeps
     *                   the in-window notice and logs why
     */
    void notify(String title, String body) throws Exception;

    /** The notifier of the desktop described by the OS name {@code osName} and the environment {@code env}. */
    static DesktopNotifier forDesktop(String osName, Map<String, String> env) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux")
                ? new GdbusNotifier(env.getOrDefault("PATH", "")) : NONE;
    }
}
