package dev.reprise.cli;

import dev.reprise.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;

/** The {@code reprise} command: options every sub-command shares, and how to open the workspace. */
@Command(name = "reprise", mixinStandardHelpOptions = true, versionProvider = RepriseCommand.Version.class,
        description = "Inspect and replay pipeline runs.",
        subcommands = {FlowsCommand.class, RunCommand.class, RunsCommand.class, PlanCommand.class,
                ReplayCommand.class, LogsCommand.class, CancelCommand.class, DemoCommand.class, ServerCommand.class,
                ConnectCommand.class, CommandLine.HelpCommand.class})
public final class RepriseCommand {

    @Option(names = "--workspace", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Workspace folder (default: $REPRISE_WORKSPACE or ~/.reprise/workspace).")
    Path workspace;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Work on the workspace of a Reprise server instead (e.g. http://127.0.0.1:8080).")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "The server's token (default: $REPRISE_TOKEN, or the one saved by 'reprise connect').")
    String token;

    private final WorkspaceOpener opener;
    private final Path defaultWorkspace;
    private final Cli.Environment environment;
    private Workspace opened;
    private Thread closeOnExit;
    PrintWriter out;
    PrintWriter err;

    RepriseCommand(WorkspaceOpener opener, Path defaultWorkspace, Cli.Environment environment) {
        this.opener = opener;
        this.defaultWorkspace = defaultWorkspace;
        this.environment = environment;
    }

    WorkspaceOpener opener() {
        return opener;
    }

    ServerHost serverHost() {
        if (environment.serverHost() == null) {
            throw new IllegalArgumentException("this command line cannot serve workspaces");
        }
        return environment.serverHost();
    }

    Connections connections() {
        return new Connections(environment.connectionsFile());
    }

    /** True when the commands work on a server's workspace. */
    boolean isRemote() {
        return server != null;
    }

    /** The folder of a local workspace, for commands that cannot work through a server. */
    Path localFolder(String command) {
        if (server != null) {
            throw new IllegalArgumentException("'" + command + "' works on a local workspace folder; drop --server");
        }
        return workspaceFolder().toAbsolutePath().normalize();
    }

    /** --token, else $REPRISE_TOKEN; null if neither. */
    String explicitToken() {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String env = environment.variables().get("REPRISE_TOKEN");
        return env == null || env.isBlank() ? null : env.trim();
    }

    Path workspaceFolder() {
        return workspace != null ? workspace : defaultWorkspace;
    }

    /** The workspace, opened on first use and closed when the command ends. */
    Workspace workspace() {
        if (opened == null) {
            Workspace workspace = server != null ? connect() : opener.open(workspaceFolder().toAbsolutePath().normalize());
            // Ctrl-C must still close the store cleanly (runs going on are recorded as interrupted)
            closeOnExit = new Thread(workspace::close, "reprise-close-workspace");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            opened = workspace;
        }
        return opened;
    }

    private Workspace connect() {
        String url = Connections.normalize(server);
        String key = explicitToken();
        if (key == null) {
            key = connections().find(url).map(Connections.Connection::token).orElse(null);
        }
        if (workspace != null) {
            throw new IllegalArgumentException("--workspace and --server do not go together: pick one");
        }
        try {
            return opener.connect(URI.create(url), key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server: not a URL: " + server);
        }
    }

    void closeWorkspace() {
        if (opened != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook closes it
                return;
            }
            opened.close();
            opened = null;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RepriseCommand.class.getPackage().getImplementationVersion();
            return new String[] {"reprise " + (version == null ? "dev" : version)};
        }
    }
}
