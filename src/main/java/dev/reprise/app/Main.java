package dev.reprise.app;

import dev.reprise.cli.Cli;
import dev.reprise.cli.WorkspaceOpener;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root: decides which workspace implementation the CLI gets (a local folder, or a
 * server through {@link RemoteWorkspace}), which server {@code reprise server} runs, and runs the command
 * line. With no arguments it runs the bundled demo (the desktop window takes this place once it exists).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Cli cli = new Cli(workspaces(), defaultWorkspace(), new Cli.Environment(
                new ServerHosting(version(), Clock.systemUTC()), connectionsFile(), System.getenv()));
        return cli.execute(args.length == 0 ? new String[] {"demo"} : args, out, err);
    }

    /** Local folders open a {@link LocalWorkspace}; server URLs a {@link RemoteWorkspace}. */
    static WorkspaceOpener workspaces() {
        return new WorkspaceOpener() {
            @Override
            public Workspace open(Path folder) {
                return LocalWorkspace.open(folder, LocalWorkspace.Options.defaults());
            }

            @Override
            public Workspace connect(URI server, String token) {
                return RemoteWorkspace.connect(server, token, RemoteWorkspace.Options.defaults());
            }
        };
    }

    /** {@code $REPRISE_WORKSPACE}, or {@code ~/.reprise/workspace}. */
    static Path defaultWorkspace() {
        String env = System.getenv("REPRISE_WORKSPACE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".reprise", "workspace");
    }

    /** {@code $REPRISE_CONNECTIONS}, or {@code ~/.reprise/connections.json}. */
    static Path connectionsFile() {
        String env = System.getenv("REPRISE_CONNECTIONS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".reprise", "connections.json");
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
