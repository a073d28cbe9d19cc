package dev.reprise.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Reprise keeps a user's things: the default workspace, the saved server connections and the window's
 * settings. The home folder is {@code $HOME} when set (the JVM's {@code user.home} comes from the password
 * database and ignores it). A {@code ~/.reprise} folder that exists is used as before; otherwise, on Linux, the
 * XDG folders ({@code $XDG_DATA_HOME} or {@code ~/.local/share} for the workspace, {@code $XDG_CONFIG_HOME} or
 * {@code ~/.config} for connections and settings); elsewhere {@code ~/.reprise}. {@code REPRISE_WORKSPACE},
 * {@code REPRISE_CONNECTIONS} and {@code REPRISE_SETTINGS} name each one directly. Immutable.
 */
record UserPlaces(Path workspace, Path connections, Path settings) {

    /** The places for this process: its environment, operating system and JVM home. */
    static UserPlaces current() {
        return of(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static UserPlaces of(Map<String, String> env, String osName, String jvmHome) {
        Path home = Path.of(given(env, "HOME") != null ? given(env, "HOME") : jvmHome);
        Path legacy = home.resolve(".reprise");
        Path data;
        Path config;
        if (Files.isDirectory(legacy) || !osName.toLowerCase(Locale.ROOT).contains("linux")) {
            data = legacy;
            config = legacy;
        } else {
            data = xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("reprise");
            config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("reprise");
        }
        return new UserPlaces(
                override(env, "REPRISE_WORKSPACE", data.resolve("workspace")),
                override(env, "REPRISE_CONNECTIONS", config.resolve("connections.json")),
                override(env, "REPRISE_SETTINGS", config.resolve("settings.json")));
    }

    /** An XDG base folder: the variable when it names an absolute path (the specification ignores others). */
    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = given(env, name);
        return value != null && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }

    private static Path override(Map<String, String> env, String name, Path fallback) {
        String value = given(env, name);
        return value != null ? Path.of(value) : fallback;
    }

    private static String given(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
