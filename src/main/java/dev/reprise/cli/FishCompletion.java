package dev.reprise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fish completion script of a command tree, which picocli does not write: sub-commands with their
 * descriptions at each level, every command's options (with their values' candidates, files where an option
 * takes a path), and files for positional arguments. Which command the words typed so far name is worked out
 * by the script's {@code __NAME_command} function from the list of every command's path, so that a name used
 * at two levels ({@code run}, {@code snapshots run}) completes the right one. Stateless.
 */
final class FishCompletion {

    private FishCompletion() {
    }

    static String script(CommandLine tree) {
        String name = tree.getCommandName();
        String fn = "__" + name.replaceAll("[^A-Za-z0-9_]", "_");
        List<CommandLine> commands = CommandTree.all(tree);
        StringBuilder s = new StringBuilder();
        s.append("# fish completion for ").append(name).append(", printed by '").append(name)
                .append(" completion fish'\n");
        s.append("# install: ").append(name).append(" completion fish > ~/.config/fish/completions/")
                .append(name).append(".fish\n\n");
        s.append("set -g ").append(fn).append("_commands")
                .append(commands.stream().skip(1).map(c -> " " + quote(String.join(" ", CommandTree.path(c))))
                        .collect(Collectors.joining()))
                .append("\n\n");
        s.append("""
                # the command named by the words typed so far ('' for the root); other words are skipped
                function FN_command
                    set -l words (commandline -opc)
                    set -e words[1]
                    set -l path
                    for word in $words
                        if contains -- (string join -- ' ' $path $word) $FN_commands
                            set path $path $word
                        end
                    end
                    string join -- ' ' $path
                end

                function FN_at
                    set -l at (FN_command)
                    test "$at" = "$argv[1]"
                end

                complete -c NAME -f
                """.replace("FN", fn).replace("NAME", name));
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            String at = "-n " + quote(fn + "_at " + doubleQuote(String.join(" ", CommandTree.path(command))));
            s.append("\n# ").append(spec.qualifiedName()).append('\n');
            for (CommandLine sub : new LinkedHashSet<>(command.getSubcommands().values())) {
                if (!sub.getCommandSpec().usageMessage().hidden()) {
                    s.append("complete -c ").append(name).append(' ').append(at).append(" -a ")
                            .append(quote(sub.getCommandName())).append(describe(sub.getCommandSpec().usageMessage().description()))
                            .append('\n');
                }
            }
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    s.append("complete -c ").append(name).append(' ').append(at).append(names(option))
                            .append(values(option)).append(describe(option.description())).append('\n');
                }
            }
            boolean freeArguments = spec.positionalParameters().stream()
                    .anyMatch(p -> !p.hidden() && p.completionCandidates() == null);
            spec.positionalParameters().stream().filter(p -> !p.hidden() && p.completionCandidates() != null)
                    .forEach(p -> s.append("complete -c ").append(name).append(' ').append(at).append(" -a ")
                            .append(quote(candidates(p))).append('\n'));
            if (freeArguments) {
                // a run, flow or snapshot id could be anything; a path is the one kind fish can offer
                s.append("complete -c ").append(name).append(' ').append(at).append(" -F\n");
            }
        }
        return s.toString();
    }

    private static String names(OptionSpec option) {
        StringBuilder s = new StringBuilder();
        for (String each : option.names()) {
            if (each.startsWith("--")) {
                s.append(" -l ").append(quote(each.substring(2)));
            } else if (each.startsWith("-") && each.length() == 2) {
                s.append(" -s ").append(quote(each.substring(1)));
            } else {
                s.append(" -o ").append(quote(each.substring(1)));
            }
        }
        return s.toString();
    }

    private static String values(OptionSpec option) {
        if (option.arity().max() == 0) {
            return "";
        }
        if (option.completionCandidates() != null) {
            return " -r -f -a " + quote(candidates(option));
        }
        Class<?> type = option.type();
        return Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type) ? " -r -F" : " -r -f";
    }

    private static String candidates(ArgSpec arg) {
        List<String> all = new ArrayList<>();
        arg.completionCandidates().forEach(all::add);
        return String.join(" ", all);
    }

    private static String describe(String[] description) {
        if (description == null || description.length == 0 || description[0].isBlank()) {
            return "";
        }
        String first = description[0].replace("%n", " ").strip();
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        return " -d " + quote(first);
    }

    /** {@code text} as one fish word in single quotes, where only {@code \} and {@code '} need escaping. */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code text} in double quotes inside a single-quoted condition; command names hold no quotes or $. */
    private static String doubleQuote(String text) {
        return "\"" + text + "\"";
    }
}
