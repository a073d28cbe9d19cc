package dev.reprise.cli;

import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.WorkspaceBusyException;
import dev.reprise.workspace.WorkspaceException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one command line: parses it with picocli, runs the command, maps failures to exit codes — 0 ok,
 * 1 a run failed (or an unexpected error), 2 bad usage or bad input, 3 not found, 4 the workspace is busy —
 * and prints errors as one readable message, never a stack trace. Each {@link #execute} builds its own
 * command tree, so one instance may run command lines on several threads.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** What the command names (a run, flow, revision, snapshot, step, token) does not exist. */
    public static final int NOT_FOUND = 3;
    /** The workspace is in use by another process: the same command may work later. */
    public static final int BUSY = 4;

    /**
     * What a command line may reach beyond its arguments: the server host ({@code reprise server}; null
     * if this command line cannot serve), the saved-connections file, the environment variables, and the
     * terminal a person may confirm destructive commands at.
     */
    public record Environment(ServerHost serverHost, Path connectionsFile, Map<String, String> variables,
                              Terminal terminal) {
        public Environment {
            variables = Map.copyOf(variables);
        }

        /** With the terminal of this process ({@link Terminal#system()}). */
        public Environment(ServerHost serverHost, Path connectionsFile, Map<String, String> variables) {
            this(serverHost, connectionsFile, variables, Terminal.system());
        }
    }

    private final WorkspaceOpener opener;
    private final Path defaultWorkspace;
    private final Environment environment;

    /** A command line for local workspaces only (saved connections in a file that is never written). */
    public Cli(WorkspaceOpener opener, Path defaultWorkspace) {
        this(opener, defaultWorkspace, new Environment(null, defaultWorkspace.resolve("connections.json"), Map.of()));
    }

    public Cli(WorkspaceOpener opener, Path defaultWorkspace, Environment environment) {
        this.opener = opener;
        this.defaultWorkspace = defaultWorkspace;
        this.environment = environment;
    }

    public int execute(String[] args, PrintWriter out, PrintWriter err) {
        RepriseCommand root = new RepriseCommand(opener, defaultWorkspace, environment);
        root.out = out;
        root.err = err;
        CommandLine commandLine = CommandTree.build(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidInputException invalid && !invalid.problems().isEmpty()) {
                invalid.problems().forEach(p -> err.println("error: " + p));
            } else if (e instanceof WorkspaceException || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
            } else {
                err.println("error: " + e);
            }
            err.flush();
            return exitCode(e);
        });
        try {
            return commandLine.execute(args);
        } finally {
            root.closeWorkspace();
            out.flush();
            err.flush();
        }
    }

    /** The exit code for a command that ended with {@code e}. */
    static int exitCode(Exception e) {
        if (e instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof WorkspaceBusyException) {
            return BUSY;
        }
        if (e instanceof WorkspaceException || e instanceof IllegalArgumentException) {
            return BAD_INPUT;
        }
        return RUN_FAILED;
    }
}
