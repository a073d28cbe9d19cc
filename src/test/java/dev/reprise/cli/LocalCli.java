package dev.reprise.cli;

import dev.reprise.app.LocalWorkspaces;

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
        return run(workspace, null, args);
    }

    /** As {@link #run(Path, String...)}, with {@code variables} as the environment when not null. */
    static Result run(Path workspace, Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--workspace";
        full[args.length + 1] = workspace.toString();
        WorkspaceOpener open = dir -> LocalWorkspaces.open(dir, LocalWorkspaces.Options.defaults().withParallelism(2));
        Cli cli = variables == null ? new Cli(open, workspace)
                : new Cli(open, workspace, new Cli.Environment(null, workspace.resolve("connections.json"), variables));
        int code = cli.execute(full, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
