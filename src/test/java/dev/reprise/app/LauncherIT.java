package dev.reprise.app;

import dev.reprise.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged launcher, {@code target/reprise/bin/reprise}, as a person runs it (after {@code mvn package}):
 * it finds a Java runtime, runs a command, and keeps a class-data-sharing archive per kind of start in its
 * cache folder, which a later start uses; {@code REPRISE_CDS=off} keeps none.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target", "reprise", "bin", "reprise");

    @TempDir
    Path folder;

    private record Result(int exit, String output) {
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REPRISE_JAVA", ProcessHandle.current().info().command().orElse("java"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static List<String> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommandWritesItsClassArchiveOnceAndLaterStartsUseIt() throws Exception {
        Path cache = folder.resolve("cache");
        Path ws = folder.resolve("ws");
        Map<String, String> env = Map.of("REPRISE_CACHE", cache.toString());

        Result first = launch(env, "--workspace", ws.toString(), "flows", "list");
        assertThat(first.exit()).as(first.output()).isZero();
        List<String> written = archives(cache);
        assertThat(written).singleElement().satisfies(name -> assertThat(name).startsWith("command-").endsWith(".jsa"));
        long size = Files.size(cache.resolve(written.get(0)));
        assertThat(size).isPositive();

        Result second = launch(env, "--workspace", ws.toString(), "flows", "list");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).isEqualTo(first.output()).doesNotContain("warning", "cds");
        assertThat(archives(cache)).isEqualTo(written);
    }

    @Test
    void aMissingRunStillExitsWithTheNotFoundCodeAndItsMessage() throws Exception {
        Result result = launch(Map.of("REPRISE_CACHE", folder.resolve("cache").toString()),
                "--workspace", folder.resolve("ws").toString(), "runs", "show", "no-such-run");
        assertThat(result.exit()).as(result.output()).isEqualTo(Cli.NOT_FOUND);
        assertThat(result.output()).contains("no-such-run");
    }

    @Test
    void classDataSharingCanBeTurnedOff() throws Exception {
        Path cache = folder.resolve("cache");
        Result result = launch(Map.of("REPRISE_CACHE", cache.toString(), "REPRISE_CDS", "off"),
                "--workspace", folder.resolve("ws").toString(), "flows", "list");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(archives(cache)).isEmpty();
    }

    @Test
    void theWindowStartsWithoutWarningsWithJavaFxAsModules() throws Exception {
        assumeTrue(WindowUnderXvfb.available(), WindowUnderXvfb.MISSING);
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(), "--workspace",
                folder.resolve("ws").toString());
        builder.environment().put("REPRISE_JAVA", ProcessHandle.current().info().command().orElse("java"));
        builder.environment().put("REPRISE_CACHE", folder.resolve("cache").toString());
        builder.environment().put("REPRISE_SETTINGS", folder.resolve("settings.json").toString());
        builder.environment().put("REPRISE_CONNECTIONS", folder.resolve("connections.json").toString());
        List<String> output = WindowUnderXvfb.untilFirstFrame(builder, folder.resolve("window.log"));
        assertThat(String.join("\n", output)).contains("first frame")
                .doesNotContain("WARNING", "Unsupported JavaFX configuration", "sun.misc.Unsafe", "Exception");
    }
}
