package dev.reprise.ui.shell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A desktop notification on Linux through the freedesktop notification service on the session bus, reached
 * with {@code gdbus} (of GLib, on every GTK desktop, which JavaFX needs anyway) rather than through AWT:
 * {@code gdbus call --session --dest org.freedesktop.Notifications --object-path /org/freedesktop/Notifications
 * --method org.freedesktop.Notifications.Notify 'Reprise' 0 '' TITLE BODY [] {} 5000}. The strings are written
 * as GVariant text, quoted and escaped, so that a run's error reads as it is whatever quotes it holds. Blocks
 * until gdbus answers (5 s at most); thread-safe.
 */
public final class GdbusNotifier implements DesktopNotifier {

    /** How long a notification stays, in milliseconds, as the service counts it. */
    static final int EXPIRE_MILLIS = 5000;
    private static final long TIMEOUT_SECONDS = 5;

    private final String path;

    /** @param path the directories to find {@code gdbus} in, as the {@code PATH} variable lists them */
    public GdbusNotifier(String path) {
        this.path = path;
    }

    @Override
    public void notify(String title, String body) throws IOException, InterruptedException {
        Path gdbus = find("gdbus").orElseThrow(() -> new IOException("gdbus is not on the PATH (it comes with GLib)"));
        List<String> command = new ArrayList<>(List.of(gdbus.toString()));
        command.addAll(arguments(title, body));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("gdbus did not answer in " + TIMEOUT_SECONDS + " s");
        }
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IOException("gdbus exited with " + process.exitValue() + ": " + said);
        }
    }

    /** What gdbus is called with (after its own name) to show {@code title} and {@code body}. */
    static List<String> arguments(String title, String body) {
        return List.of("call", "--session", "--dest", "org.freedesktop.Notifications",
                "--object-path", "/org/freedesktop/Notifications", "--method", "org.freedesktop.Notifications.Notify",
                quoted("Reprise"), "0", quoted(""), quoted(title), quoted(body), "[]", "{}",
                Integer.toString(EXPIRE_MILLIS));
    }

    /** {@code text} as a GVariant string literal. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private Optional<Path> find(String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
