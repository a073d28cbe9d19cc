package dev.reprise.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reprise completion bash|zsh|fish}: prints the shell's completion script for the whole command tree.
 * Bash and zsh share picocli's script (zsh runs it through its bash compatibility); fish gets one of its own.
 */
@Command(name = "completion", description = {"Print the shell completion script for bash, zsh or fish.",
        "bash: source <(reprise completion bash)   (in ~/.bashrc)",
        "zsh:  source <(reprise completion zsh)    (in ~/.zshrc)",
        "fish: reprise completion fish > ~/.config/fish/completions/reprise.fish"})
final class CompletionCommand implements Callable<Integer> {

    static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    /** The shells, for picocli's help and for completing this command's own argument. */
    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SHELLS.iterator();
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String shell;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        CommandLine tree = spec.root().commandLine();
        String name = tree.getCommandName();
        String script = switch (shell) {
            case "bash", "zsh" -> AutoComplete.bash(name, tree);
            case "fish" -> FishCompletion.script(tree);
            default -> throw new IllegalArgumentException("no completion for shell '" + shell + "': pick one of "
                    + String.join(", ", SHELLS));
        };
        root.out.print(script);
        return Cli.OK;
    }
}
