package dev.reprise.cli;

import dev.reprise.app.LocalWorkspaces;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command line run in the test's JVM on a local workspace folder, as a person would type it with
 * {@code --workspace FOLDER}; what it printed and its exit code come back. Shared by the command-line tests.
 */
final class LocalCli {

    /** What a command did: its exit code, and what it printed to stdout and stderr. */
    record Result(int code, String out, String err) {
    }

    private LocalCli() {
    }

    static Result run(Path workspace, String... args) {
        return run(workspace, (Cli.Environment) null, args);
    }

    /** As {@link #run(Path, String...)}, with {@code variables} as the environment when not null. */
    static Result run(Path workspace, Map<String, String> variables, String... args) {
        return run(workspace, variables == null ? (Cli.Environment) null
                : new Cli.Environment(null, workspace.resolve("connections.json"), variables), args);
    }

    /** As {@link #run(Path, String...)} in {@code environment} (a terminal, a server host), when not null. */
    static Result run(Path workspace, Cli.Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--workspace";
        full[args.length + 1] = workspace.toString();
        Cli cli = environment == null ? new Cli(OPENER, workspace) : new Cli(OPENER, workspace, environment);
        int code = cli.execute(full, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** How the tests open a workspace folder: as the app does, with two engine threads. */
    static final WorkspaceOpener OPENER =
            dir -> LocalWorkspaces.open(dir, LocalWorkspaces.Options.defaults().withParallelism(2));

    /** The tree of commands a person can type, as the command line builds it. */
    static CommandLine tree(Path workspace) {
        return CommandTree.build(new RepriseCommand(OPENER, workspace,
                new Cli.Environment(null, workspace.resolve("connections.json"), Map.of())));
    }
}
