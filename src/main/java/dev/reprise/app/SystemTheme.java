package dev.reprise.app;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the operating system whether it prefers a dark look, by the command each one answers: GNOME's
 * {@code gsettings} on Linux (the colour scheme, then the GTK theme's name), {@code defaults} on macOS,
 * {@code reg query} of {@code AppsUseLightTheme} on Windows. Each command gets a short timeout; anything
 * that fails or is not understood means light. The parsing is separate from the running, so it is tested on
 * each system's answers anywhere. Thread-safe (stateless).
 */
final class SystemTheme {

    private static final String WINDOWS_KEY =
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize";

    /** Runs one command and gives its standard output, or empty if it failed or took too long. */
    interface CommandRunner {
        Optional<String> run(List<String> command, Duration timeout);
    }

    private final String osName;
    private final CommandRunner commands;
    private final Duration timeout;

    SystemTheme(String osName, CommandRunner commands, Duration timeout) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.commands = commands;
        this.timeout = timeout;
    }

    /** The running system, with processes that get {@code timeout} each. */
    static SystemTheme ofThisMachine(Duration timeout) {
        return new SystemTheme(System.getProperty("os.name", ""), SystemTheme::runProcess, timeout);
    }

    boolean prefersDark() {
        if (osName.contains("mac") || osName.contains("darwin")) {
            return commands.run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"), timeout)
                    .map(SystemTheme::macIsDark).orElse(false);
        }
        if (osName.contains("win")) {
            return commands.run(List.of("reg", "query", WINDOWS_KEY, "/v", "AppsUseLightTheme"), timeout)
                    .map(SystemTheme::windowsIsDark).orElse(false);
        }
        Optional<Boolean> scheme = commands.run(List.of("gsettings", "get", "org.gnome.desktop.interface",
                "color-scheme"), timeout).flatMap(SystemTheme::gnomeColorScheme);
        if (scheme.isPresent()) {
            return scheme.get();
        }
        return commands.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"), timeout)
                .map(SystemTheme::gtkThemeIsDark).orElse(false);
    }

    /**
     * GNOME's {@code color-scheme}: {@code 'prefer-dark'} is dark, {@code 'prefer-light'} light; the
     * {@code 'default'} scheme says nothing, and the GTK theme decides.
     */
    static Optional<Boolean> gnomeColorScheme(String answer) {
        String value = unquote(answer);
        if (value.equals("prefer-dark")) {
            return Optional.of(true);
        }
        if (value.equals("prefer-light")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** A GTK theme named like {@code 'Adwaita-dark'} or {@code 'Yaru-Dark'}. */
    static boolean gtkThemeIsDark(String answer) {
        return unquote(answer).toLowerCase(Locale.ROOT).contains("dark");
    }

    /** {@code defaults read -g AppleInterfaceStyle} prints "Dark" in dark mode and fails in light mode. */
    static boolean macIsDark(String answer) {
        return answer.trim().equalsIgnoreCase("dark");
    }

    /** The {@code reg query} line {@code AppsUseLightTheme    REG_DWORD    0x0}: 0 means dark. */
    static boolean windowsIsDark(String answer) {
        for (String line : answer.split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[0].equalsIgnoreCase("AppsUseLightTheme")) {
                String value = words[2].toLowerCase(Locale.ROOT);
                try {
                    return (value.startsWith("0x") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String unquote(String answer) {
        String value = answer.trim();
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            value = value.substring(1, value.length() - 1);
        }
        return value.trim();
    }

    private static Optional<String> runProcess(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.empty(); // the command is not there: not this kind of desktop
        }
        try (InputStream out = process.getInputStream()) {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LoggerFactory.getLogger(SystemTheme.class).info("'{}' did not answer in {} ms", String.join(" ", command),
                        timeout.toMillis());
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(out.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }
}
