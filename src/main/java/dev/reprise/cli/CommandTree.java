package dev.reprise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code reprise} command tree as picocli runs it: every command, at any depth, gets the standard
 * {@code -h/--help} and {@code -V/--version} options and the root's version, so that no command can be added
 * without them. Also the one walk over the tree that completion and suggestions use. Not thread-safe: a tree
 * is built for one command line.
 */
final class CommandTree {

    private CommandTree() {
    }

    /** The command line of {@code root}, with the standard options on every command. */
    static CommandLine build(RepriseCommand root) {
        CommandLine commandLine = new CommandLine(root);
        CommandSpec rootSpec = commandLine.getCommandSpec();
        for (CommandLine each : all(commandLine)) {
            CommandSpec spec = each.getCommandSpec();
            spec.mixinStandardHelpOptions(true);
            if (spec.versionProvider() == null) {
                spec.versionProvider(rootSpec.versionProvider());
            }
            if (!spec.optionsMap().containsKey("--version")) {
                // picocli adds none of the standard options where one of them is declared already (the help command)
                spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit.").build());
            }
        }
        return commandLine;
    }

    /** Every command below and including {@code top}, each before its sub-commands, in declaration order. */
    static List<CommandLine> all(CommandLine top) {
        List<CommandLine> into = new ArrayList<>();
        collect(top, into);
        return into;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        // a command with aliases is in the map once per name
        Set<CommandLine> subcommands = new LinkedHashSet<>(command.getSubcommands().values());
        subcommands.forEach(sub -> collect(sub, into));
    }

    /**
     * The commands called {@code word}, as typed from the root ({@code reprise runs list}), those below
     * {@code preferred} (a command of the root) first; for a word that was meant as a command but landed
     * as an argument.
     */
    static List<String> named(CommandLine top, String word, String preferred) {
        List<String> first = new ArrayList<>();
        List<String> then = new ArrayList<>();
        for (CommandLine command : all(top)) {
            List<String> path = path(command);
            if (!path.isEmpty() && path.get(path.size() - 1).equals(word)) {
                (path.get(0).equals(preferred) ? first : then).add(top.getCommandName() + " " + String.join(" ", path));
            }
        }
        first.addAll(then);
        return first;
    }

    /** The words that name {@code command} after {@code reprise}: {@code [runs, list]}; empty for the root. */
    static List<String> path(CommandLine command) {
        List<String> words = new ArrayList<>();
        for (CommandLine at = command; at.getParent() != null; at = at.getParent()) {
            words.add(0, at.getCommandName());
        }
        return words;
    }
}
