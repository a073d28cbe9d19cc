package dev.reprise.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A launcher's window opened on a virtual display, as the launcher tests look at it: what the process printed
 * until just after the window logged its first frame (REPRISE_LOG_LEVEL=info), then the process stopped.
 */
final class WindowUnderXvfb {

    /** Why the window cannot be opened here, for a skipped test. */
    static final String MISSING =
            "no xvfb-run: the window cannot be opened here (apt-get install -y xvfb xauth libgtk-3-0)";

    private WindowUnderXvfb() {
    }

    /** Whether {@code tool} is a program on this process's PATH. */
    static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    /** Whether a window can be opened here: {@code xvfb-run} is on the PATH. */
    static boolean available() {
        return onPath("xvfb-run");
    }

    /**
     * Runs {@code window} (a launcher's command and environment) under {@code xvfb-run} with its output in {@code log},
     * until it has logged its first frame and two seconds more (what the first paints print comes just after), until
     * it ends, or for 90 seconds at most; then stops it and everything it started. Returns the lines it printed.
     */
    static List<String> untilFirstFrame(ProcessBuilder window, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"));
        command.addAll(window.command());
        window.command(command).redirectErrorStream(true).redirectOutput(log.toFile());
        window.environment().put("REPRISE_LOG_LEVEL", "info");
        Process process = window.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("first frame") && process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(2000);
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return Files.readAllLines(log);
    }
}
