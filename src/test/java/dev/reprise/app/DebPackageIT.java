package dev.reprise.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Linux package that {@code mvn -Pdist package} makes ({@code target/dist/installer/reprise_*.deb}), as a
 * person who has no JDK gets it: unpacked with {@code dpkg-deb -x} into a temporary folder (nothing is
 * installed on the system) and started with a bare environment (PATH {@code /usr/bin:/bin}, no JAVA_HOME), so
 * only the bundled runtime can run it. Checks the commands, the bundled examples, the ahead-of-time cache made at
 * build time, the desktop entry and the declared dependencies and recommendations, and, where {@code xvfb-run} exists, that the window
 * opens without a warning; prints the sizes and the launch-to-first-frame figures. Skipped, saying why, where
 * {@code dpkg-deb} or the package is missing. Tagged {@code dist}: only the dist profile runs it.
 */
@Tag("dist")
class DebPackageIT {

    private static final Path INSTALLERS = Path.of("target", "dist", "installer");

    @TempDir
    static Path root;

    private static Path deb;
    private static Path installed;

    private record Result(int exit, String output) {
    }

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue(WindowUnderXvfb.onPath("dpkg-deb"), "no dpkg-deb on this machine: the .deb cannot be unpacked here");
        Optional<Path> found = Files.isDirectory(INSTALLERS) ? debIn(INSTALLERS) : Optional.empty();
        assumeTrue(found.isPresent(), "no .deb in " + INSTALLERS.toAbsolutePath()
                + ": it is made by mvn -Pdist package on Linux, with a JDK whose jpackage makes .deb files");
        deb = found.get();
        Result unpacked = run(List.of("dpkg-deb", "-x", deb.toString(), root.resolve("fs").toString()), Map.of(), 120);
        assertThat(unpacked.exit()).as(unpacked.output()).isZero();
        installed = root.resolve("fs/opt/reprise");
        System.out.printf("package: %s, %.1f MB; installed app: %.1f MB%n", deb.getFileName(),
                Files.size(deb) / 1e6, sizeOf(installed) / 1e6);
    }

    @Test
    void versionRunsOnTheBundledRuntimeWithoutAJdkOrWarnings() throws Exception {
        Result version = launch("--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("reprise ").doesNotContainIgnoringCase("warning");
    }

    @Test
    void demoFindsTheBundledExamplesAndRunsEachOnce() throws Exception {
        Path workspace = root.resolve("demo-workspace");
        Result demo = launch("demo", "--workspace", workspace.toString());
        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("ran bike_trips: FAILED", "ran model_training: SUCCEEDED", "ran shards: SUCCEEDED")
                .doesNotContainIgnoringCase("warning");

        Result runs = launch("runs", "list", "--json", "--workspace", workspace.toString());
        assertThat(runs.exit()).as(runs.output()).isZero();
        assertThat(runs.output()).contains("\"flowId\" : \"bike_trips\"", "\"flowId\" : \"model_training\"",
                "\"flowId\" : \"shards\"");
    }

    @Test
    void theAheadOfTimeCacheMadeAtBuildTimeFitsTheInstalledJars() throws Exception {
        assertThat(Files.readAllLines(installed.resolve("lib/app/reprise.cfg")))
                .contains("java-options=-XX:AOTCache=$APPDIR/reprise.aot");
        assertThat(installed.resolve("lib/app/reprise.aot")).isNotEmptyFile();
        // with AOTMode=on the JVM refuses to start on a cache it cannot use, instead of going on without it
        Result check = launch(Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"), "--version");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("reprise ").doesNotContain("AOT cache");
    }

    @Test
    void theDesktopEntryNamesReprisesLauncherIconAndCategory() throws Exception {
        Path entry = installed.resolve("lib/reprise-reprise.desktop");
        List<String> lines = Files.readAllLines(entry);
        assertThat(lines).contains("Name=Reprise", "Exec=/opt/reprise/bin/reprise", "Icon=/opt/reprise/lib/reprise.png",
                "Categories=Development;", "Comment=Inspect and replay pipeline runs");
        assertThat(Files.isExecutable(installed.resolve("bin/reprise"))).isTrue();
        assertThat(installed.resolve("lib/reprise.png")).hasSameBinaryContentAs(Path.of("assets/icon/reprise-256.png"));
    }

    @Test
    void thePackageDependsOnTheLibrariesJavaFxLoads() throws Exception {
        String depends = field("Depends");
        assertThat(depends).contains("libc6", "libgtk-3-0", "libxtst6", "libgl1", "libxxf86vm1", "libfreetype6");
        // Debian 13 and Ubuntu 24.04 renamed GTK, GLib and ATK for 64-bit time: either name satisfies the package
        assertThat(depends).contains("libgtk-3-0t64 | libgtk-3-0", "libglib2.0-0t64 | libglib2.0-0",
                "libatk1.0-0t64 | libatk1.0-0");
    }

    @Test
    void thePackageRecommendsXdgUtilsForItsMenuEntryWithoutRequiringIt() throws Exception {
        // postinst adds the entry with xdg-desktop-menu where there is one; a machine without a menu installs too
        assertThat(field("Recommends")).isEqualTo("xdg-utils");
        assertThat(field("Depends")).doesNotContain("xdg-utils");
    }

    /** One field of the package's control file, as dpkg-deb reads it. */
    private static String field(String name) throws IOException, InterruptedException {
        Result field = run(List.of("dpkg-deb", "-f", deb.toString(), name), Map.of(), 60);
        assertThat(field.exit()).as(field.output()).isZero();
        return field.output().strip();
    }

    @Test
    void theWindowOpensWithoutWarningsAndItsFirstFrameIsTimed() throws Exception {
        assumeTrue(WindowUnderXvfb.available(), WindowUnderXvfb.MISSING);
        Path workspace = root.resolve("window-workspace");
        assertThat(launch("demo", "--workspace", workspace.toString()).exit()).isZero();

        ProcessBuilder builder = new ProcessBuilder(installed.resolve("bin/reprise").toString(), "--workspace",
                workspace.toString());
        bareEnvironment(builder, Map.of());
        List<String> output = WindowUnderXvfb.untilFirstFrame(builder, root.resolve("window.log"));
        assertThat(output).as(String.join("\n", output)).anyMatch(l -> l.contains("first frame"))
                .noneMatch(l -> l.contains("WARNING") || l.contains("Unsupported JavaFX configuration")
                        || l.contains("Exception"));

        // the same figure over several launches, by the script that measures the app folder
        Result figures = run(List.of("sh", "packaging/bench/first-frame-benchmark.sh", "4"),
                Map.of("REPRISE_APP", installed.resolve("bin/reprise").toString()), 600);
        System.out.println("installed app, " + figures.output().strip());
        assertThat(figures.exit()).as(figures.output()).isZero();
    }

    private static Result launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    private static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(installed.resolve("bin/reprise").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        bareEnvironment(builder, env);
        return finish(builder.start(), 180);
    }

    /** What a desktop session without a JDK would pass: no JAVA_HOME, no JDK folder on the PATH. */
    private static void bareEnvironment(ProcessBuilder builder, Map<String, String> extra) {
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", root.resolve("home").toString());
        env.put("REPRISE_SETTINGS", root.resolve("home/settings.json").toString());
        env.put("REPRISE_CONNECTIONS", root.resolve("home/connections.json").toString());
        env.putAll(extra);
    }

    private static Result run(List<String> command, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return finish(builder.start(), seconds);
    }

    private static Result finish(Process process, int seconds) throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Optional<Path> debIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst();
        }
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
