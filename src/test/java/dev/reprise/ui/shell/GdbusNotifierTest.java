package dev.reprise.ui.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The desktop notification on Linux runs {@code gdbus} with the arguments of the freedesktop notification
 * service's Notify call: checked against a fake {@code gdbus} first on the PATH that writes down what it was
 * given, so no session bus is needed.
 */
class GdbusNotifierTest {

    @TempDir
    Path folder;

    private Path fakeGdbus(String script) throws IOException {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path gdbus = bin.resolve("gdbus");
        Files.writeString(gdbus, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(gdbus, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void aNotificationCallsTheNotificationServiceThroughGdbus() throws Exception {
        Path said = folder.resolve("arguments.txt");
        Path bin = fakeGdbus("printf '%s\\n' \"$@\" > '" + said + "'\necho '(uint32 7,)'");
        String path = bin + File.pathSeparator + System.getenv("PATH");

        new GdbusNotifier(path).notify("Run failed", "Run r-1 of demo failed: can't parse 'yy-MM-dd'.");

        assertThat(Files.readAllLines(said, StandardCharsets.UTF_8)).containsExactly(
                "call", "--session", "--dest", "org.freedesktop.Notifications",
                "--object-path", "/org/freedesktop/Notifications",
                "--method", "org.freedesktop.Notifications.Notify",
                "'Reprise'", "0", "''", "'Run failed'", "'Run r-1 of demo failed: can\\'t parse \\'yy-MM-dd\\'.'",
                "[]", "{}", "5000");
    }

    @Test
    void aFailingGdbusIsAnErrorThatSaysWhy() throws Exception {
        Path bin = fakeGdbus("echo 'Error: Cannot autolaunch D-Bus without X11 $DISPLAY' >&2\nexit 1");

        assertThatThrownBy(() -> new GdbusNotifier(bin.toString()).notify("Run succeeded", "Run r-1 succeeded."))
                .isInstanceOf(IOException.class).hasMessageContaining("exited with 1")
                .hasMessageContaining("Cannot autolaunch D-Bus");
    }

    @Test
    void noGdbusOnThePathIsAnErrorThatSaysSo() {
        assertThatThrownBy(() -> new GdbusNotifier(folder.toString()).notify("Run succeeded", "Run r-1 succeeded."))
                .isInstanceOf(IOException.class).hasMessageContaining("gdbus is not on the PATH");
    }

    @Test
    void linuxDesktopsAreToldThroughGdbusAndOthersNotAtAll() {
        assertThat(DesktopNotifier.forDesktop("Linux", Map.of("PATH", "/usr/bin"))).isInstanceOf(GdbusNotifier.class);
        assertThat(DesktopNotifier.forDesktop("Windows 11", Map.of())).isSameAs(DesktopNotifier.NONE);
        assertThat(DesktopNotifier.forDesktop("Mac OS X", Map.of())).isSameAs(DesktopNotifier.NONE);
    }

    @Test
    void stringsAreWrittenAsGVariantTextWhateverTheyHold() {
        assertThat(GdbusNotifier.quoted("a 'b' \\ c\nd")).isEqualTo("'a \\'b\\' \\\\ c\\nd'");
        assertThat(GdbusNotifier.arguments("t", "b")).hasSize(16);
        assertThat(GdbusNotifier.quoted("")).isEqualTo("''");
    }
}
