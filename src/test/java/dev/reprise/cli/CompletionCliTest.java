package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reprise completion}: the scripts for the real command tree, checked by the shells themselves where they
 * are installed (bash nearly always; zsh and fish often not, and their parts are skipped then).
 */
class CompletionCliTest {

    @TempDir
    Path folder;

    private Path script(String shell) throws IOException {
        Result result = LocalCli.run(folder, "completion", shell);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return Files.writeString(folder.resolve("reprise." + shell), result.out());
    }

    @Test
    void theBashScriptIsValidBashAndNamesNestedCommands() throws Exception {
        Path script = script("bash");

        assertThat(Files.readString(script)).contains("runs list").contains("server tokens revoke")
                .contains("complete -F _complete_reprise");
        assumeShell("bash");
        Shell check = shell("bash", "-n", script.toString());
        assertThat(check.code()).as(check.output()).isZero();
    }

    @Test
    void bashCompletesASubCommandFromItsFirstLetters() throws Exception {
        Path script = script("bash");
        assumeShell("bash");

        assertThat(complete(script, "reprise", "runs", "l")).containsExactlyInAnyOrder("list", "lineage");
        assertThat(complete(script, "reprise", "runs", "d")).containsExactly("delete");
        assertThat(complete(script, "reprise", "completion", "")).containsExactlyInAnyOrder("bash", "zsh", "fish");
        assertThat(complete(script, "reprise", "runs", "list", "--js")).containsExactly("--json");
    }

    @Test
    void zshReadsTheSameScriptThroughItsBashCompatibility() throws Exception {
        Path script = script("zsh");
        assertThat(Files.readString(script)).isEqualTo(Files.readString(script("bash")));
        assumeShell("zsh");

        Shell loaded = shell("zsh", "-c", "source " + script + " && complete -p reprise");
        assertThat(loaded.code()).as(loaded.output()).isZero();
        assertThat(loaded.output()).contains("_complete_reprise");
    }

    @Test
    void theFishScriptCompletesEachLevelWithDescriptions() throws Exception {
        Path script = script("fish");
        String text = Files.readString(script);

        assertThat(text).contains("'runs list'").contains("'server tokens revoke'")
                .contains("complete -c reprise -n '__reprise_at \"runs\"' -a 'list' -d 'List runs, newest first'")
                .contains("complete -c reprise -n '__reprise_at \"completion\"' -a 'bash zsh fish'")
                .contains("-n '__reprise_at \"\"' -l 'workspace' -r -F");
        assumeShell("fish");
        Shell check = shell("fish", "--no-execute", script.toString());
        assertThat(check.code()).as(check.output()).isZero();
        assertThat(fishComplete(script, "reprise runs l")).containsExactlyInAnyOrder("list", "lineage");
        assertThat(fishComplete(script, "reprise --workspace ws server tokens ")).containsExactlyInAnyOrder(
                "create", "list", "revoke");
        // 'run' is a command of the root and of snapshots: each completes its own options
        assertThat(fishComplete(script, "reprise snapshots run nightly --na")).containsExactly("--name");
        assertThat(fishComplete(script, "reprise run --rev")).containsExactly("--revision");
    }

    @Test
    void anUnknownShellExitsTwoAndPrintsNoScript() {
        Result result = LocalCli.run(folder, "completion", "powershell");

        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("no completion for shell 'powershell'").contains("bash, zsh, fish");
    }

    /** What bash's completion function offers for {@code words}, the last being the one completed. */
    private List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append("'");
        }
        String line = String.join(" ", words);
        Shell result = shell("bash", "-c", "source " + script + " 2>/dev/null; COMP_WORDS=(" + array + " ); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_reprise 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertThat(result.code()).as(result.output()).isZero();
        return lines(result.output());
    }

    /** What fish offers for {@code line}, without the descriptions. */
    private List<String> fishComplete(Path script, String line) throws Exception {
        Shell result = shell("fish", "-c", "source " + script + "; complete -C '" + line + "'");
        assertThat(result.code()).as(result.output()).isZero();
        return lines(result.output()).stream().map(l -> l.split("\t")[0]).toList();
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        text.lines().filter(l -> !l.isBlank()).forEach(lines::add);
        return lines;
    }

    private record Shell(int code, String output) {
    }

    private Shell shell(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the shell ends").isTrue();
        return new Shell(process.exitValue(), output);
    }

    private static void assumeShell(String name) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
        Assumptions.assumeTrue(found, name + " is not installed here, so the script is not run in it");
    }
}
