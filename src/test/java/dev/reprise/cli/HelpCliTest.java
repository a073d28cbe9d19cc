package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command, found by walking the command tree, answers --help and --version; help takes a nested command. */
class HelpCliTest {

    @TempDir
    Path folder;

    private List<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        for (CommandLine command : CommandTree.all(LocalCli.tree(folder))) {
            paths.add(CommandTree.path(command));
        }
        return paths;
    }

    @Test
    void theTreeHoldsTheNestedCommands() {
        assertThat(everyCommand()).contains(List.of(), List.of("runs", "list"), List.of("server", "tokens", "list"),
                List.of("completion"), List.of("help")).hasSizeGreaterThan(30);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsOwnHelpAndExitsZero() {
        return everyCommand().stream().map(path -> DynamicTest.dynamicTest("reprise " + String.join(" ", path) + " --help",
                () -> {
                    Result help = LocalCli.run(folder, with(path, "--help"));
                    assertThat(help.code()).as(help.err()).isZero();
                    assertThat(help.out()).startsWith(usage(path));
                    Result shortHelp = LocalCli.run(folder, with(path, "-h"));
                    assertThat(shortHelp.out()).isEqualTo(help.out());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsTheVersionAndExitsZero() {
        return everyCommand().stream().map(path -> DynamicTest.dynamicTest("reprise " + String.join(" ", path) + " --version",
                () -> {
                    Result version = LocalCli.run(folder, with(path, "--version"));
                    assertThat(version.code()).as(version.err()).isZero();
                    assertThat(version.out()).matches("reprise \\S+\\R");
                    assertThat(LocalCli.run(folder, with(path, "-V")).out()).isEqualTo(version.out());
                }));
    }

    @Test
    void helpPrintsTheHelpOfANestedCommand() {
        Result help = LocalCli.run(folder, "help", "flows", "list");

        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).startsWith(usage(List.of("flows", "list"))).contains("List the flows of the workspace.");
        assertThat(LocalCli.run(folder, "help", "server", "tokens", "revoke").out())
                .startsWith(usage(List.of("server", "tokens", "revoke")));
        assertThat(LocalCli.run(folder, "help", "flows").out()).startsWith(usage(List.of("flows")));
        assertThat(LocalCli.run(folder, "help").out()).startsWith(usage(List.of()));
    }

    @Test
    void helpOfACommandThatDoesNotExistExitsTwoNamingWhatThereIs() {
        Result help = LocalCli.run(folder, "help", "flows", "lst");

        assertThat(help.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(help.out()).isEmpty();
        assertThat(help.err()).contains("'reprise flows' has no sub-command 'lst'").contains("list");
    }

    private static String[] with(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return args.toArray(String[]::new);
    }

    private static String usage(List<String> path) {
        return ("Usage: reprise " + String.join(" ", path)).strip() + " ";
    }
}
