package dev.reprise.cli;

import dev.reprise.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The {@code reprise} command: options every sub-command shares, and how to open the workspace. */
@Command(name = "reprise", mixinStandardHelpOptions = true, versionProvider = RepriseCommand.Version.class,
        description = "Inspect and replay pipeline runs.",
        subcommands = {FlowsCommand.class, RunCommand.class, RunsCommand.class, PlanCommand.class, ReplayCommand.class,
                LogsCommand.class,
                CancelCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class RepriseCommand {

    @Option(names = "--workspace", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Workspace folder (default: $REPRISE_WORKSPACE or ~/.reprise/workspace).")
    Path workspace;

    private final WorkspaceOpener opener;
    private final Path defaultWorkspace;
    private Workspace opened;
    private Thread closeOnExit;
    PrintWriter out;
    PrintWriter err;

    RepriseCommand(WorkspaceOpener opener, Path defaultWorkspace) {
        this.opener = opener;
        this.defaultWorkspace = defaultWorkspace;
    }

    Path workspaceFolder() {
        return workspace != null ? workspace : defaultWorkspace;
    }

    /** The workspace, opened on first use and closed when the command ends. */
    Workspace workspace() {
        if (opened == null) {
            Workspace workspace = opener.open(workspaceFolder().toAbsolutePath().normalize());
            // Ctrl-C must still close the store cleanly (runs going on are recorded as interrupted)
            closeOnExit = new Thread(workspace::close, "reprise-close-workspace");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            opened = workspace;
        }
        return opened;
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
