package dev.reprise.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting the window where there is no display (an SSH session, a container) says so in one line and exits
 * non-zero, instead of the toolkit's stack trace; commands still work there.
 */
class NoDisplayTest {

    @TempDir
    Path folder;

    @Test
    void theWindowWithoutADisplayPrintsOneLineAndExitsNonZero() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + folder, Main.class.getName(), "--workspace", folder.resolve("ws").toString()));
        builder.environment().put("HOME", folder.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(process.exitValue()).isNotZero();
            assertThat(err).isEqualTo(Main.NO_DISPLAY + System.lineSeparator());
            assertThat(out).isEmpty();
            assertThat(folder.resolve("ws")).as("nothing opened").doesNotExist();
        }
    }

    @Test
    void onLinuxAnX11OrWaylandDisplayOrAHeadlessPlatformIsEnough() {
        assertThat(Main.hasDisplay("Linux", Map.of(), null)).isFalse();
        assertThat(Main.hasDisplay("Linux", Map.of("DISPLAY", ""), null)).isFalse();
        assertThat(Main.hasDisplay("Linux", Map.of("DISPLAY", ":0"), null)).isTrue();
        assertThat(Main.hasDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), null)).isTrue();
        assertThat(Main.hasDisplay("Linux", Map.of(), "Monocle")).isTrue();
        assertThat(Main.hasDisplay("Mac OS X", Map.of(), null)).isTrue();
        assertThat(Main.hasDisplay("Windows 11", Map.of(), null)).isTrue();
    }
}
