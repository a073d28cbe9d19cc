package dev.reprise.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The {@code --json} option of a command that reads something and prints it, with the root command it reads
 * through: with {@code --json} what was read is printed as JSON, else as text for people. Shared by the
 * {@code list} and {@code show} commands, so each says only what it reads and how a person sees it.
 */
final class JsonOutput {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** The root command: the workspace, the server host and where to print. */
    RepriseCommand root() {
        return FlowsCommand.root(command);
    }

    /** Prints {@code value} as JSON with {@code --json}, else as {@code text} prints it; returns exit code 0. */
    <T> int print(T value, BiConsumer<PrintWriter, T> text) {
        PrintWriter out = root().out;
        if (json) {
            Format.json(out, value);
        } else {
            text.accept(out, value);
        }
        return 0;
    }

    /**
     * Prints {@code items} as JSON with {@code --json}, else as a table of one row per item that fits the screen
     * ({@link Format#table}: the {@code freeText} columns are cut to fit); returns exit code 0.
     */
    <T> int table(List<T> items, List<String> header, Set<String> freeText, Function<T, List<String>> cells) {
        return print(items, (out, all) -> Format.table(out, root().screen(), header, freeText, all, cells));
    }
}
