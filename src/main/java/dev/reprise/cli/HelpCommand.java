package dev.reprise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reprise help [COMMAND...]}: the help of a command at any depth ({@code reprise help flows list}),
 * where picocli's own help command takes one name and shows the help of {@code flows}.
 */
@Command(name = "help", helpCommand = true, description = "Print the help of a command, e.g. 'reprise help runs list'.")
final class HelpCommand implements Callable<Integer>, IHelpCommandInitializable2 {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, with its sub-commands.")
    List<String> names;

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine target = self.getParent();
        for (String name : names == null ? List.<String>of() : names) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                String at = target.getCommandSpec().qualifiedName();
                throw new ParameterException(target, target.getSubcommands().isEmpty()
                        ? "'" + at + "' has no sub-commands"
                        : "'" + at + "' has no sub-command '" + name + "' (it has: "
                                + String.join(", ", target.getSubcommands().keySet()) + ")");
            }
            target = next;
        }
        target.usage(out, colors);
        return target.getCommandSpec().exitCodeOnUsageHelp();
    }
}
