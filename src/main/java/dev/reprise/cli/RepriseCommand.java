package dev.reprise.cli;

import dev.reprise.flow.FlowParser;
import dev.reprise.flow.InputType;
import dev.reprise.workspace.AppVersion;
import dev.reprise.workspace.CollectingWorkspace;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.RunReference;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** The {@code reprise} command: options every sub-command shares, and how to open the workspace. */
@Command(name = "reprise", mixinStandardHelpOptions = true, versionProvider = RepriseCommand.Version.class,
        description = "Inspect and replay pipeline runs.",
        subcommands = {FlowsCommand.class, RunCommand.class, RunsCommand.class, PlanCommand.class,
                ReplayCommand.class, SnapshotsCommand.class, GcCommand.class, ExportCommand.class, ImportCommand.class, LogsCommand.class,
                CancelCommand.class, DemoCommand.class, ServerCommand.class,
                ConnectCommand.class, CompletionCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:a run failed, a question was answered no, or an unexpected error",
                "2:bad usage or bad input (every problem is named, nothing is written)",
                "3:not found: no such run, flow, revision, snapshot, step or token",
                "4:busy: the workspace is in use by another process; try again once it is closed"})
public final class RepriseCommand {

    /** A flow file as a run reference: {@code FILE.yaml}, or {@code FILE.yaml/STEP}. */

    @Option(names = "--workspace", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Workspace folder (default: $REPRISE_WORKSPACE or ~/.reprise/workspace).")
    Path workspace;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = {"Keep runs, flows and snapshots in a PostgreSQL database that several processes share"
                    + " (postgresql://[user[:password]@]host[:port]/database; default: $REPRISE_STORE, else the"
                    + " workspace folder's own database). The workspace folder still holds artifacts, logs and"
                    + " tokens."})
    String store;

    @Option(names = "--lease", scope = ScopeType.INHERIT, defaultValue = "10s", paramLabel = "DURATION",
            description = {"With --store: how long this process's hold on each run it executes lasts without renewal"
                    + " (default 10s). When a process dies, another takes its runs over (recording them INTERRUPTED)"
                    + " once its leases have run out."})
    String lease;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Work on the workspace of a Reprise server instead (e.g. http://127.0.0.1:8080).")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "The server's token (default: $REPRISE_TOKEN, or the one saved by 'reprise connect').")
    String token;

    @Option(names = "--ca-cert", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = {"Trust an HTTPS server's certificate if it is in this PEM file or signed by a certificate"
                    + " in it: a self-signed server's own certificate, or your own authority's (default: the file"
                    + " saved by 'reprise connect', else the JVM's trusted authorities)."})
    Path caCertificate;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colours, even on a terminal (as with $NO_COLOR set).")
    boolean noColour;

    private final WorkspaceOpener opener;
    private final Path defaultWorkspace;
    private final Cli.Environment environment;
    private Screen screen;
    private Workspace opened;
    private Workspace local;
    private Workspace remote;
    private final Map<Workspace, Thread> closeOnExit = new LinkedHashMap<>();
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

    /** The terminal to ask before destructive commands act. */
    Terminal terminal() {
        return environment.terminal() == null ? Terminal.NONE : environment.terminal();
    }

    /** Where standard output goes: a terminal (its width, whether to colour) or not; read once per command. */
    Screen screen() {
        if (screen == null) {
            screen = Screen.of(terminal(), environment.variables(), noColour);
        }
        return screen;
    }

    Connections connections() {
        return new Connections(environment.connectionsFile());
    }

    /**
     * True when the runs this command starts execute in another process: on a server, or in the process that
     * holds the local workspace (which this one joined); they go on when this command ends.
     */
    boolean runsElsewhere() {
        return isRemote() || !(workspace() instanceof CollectingWorkspace);
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

    /** --ca-cert, else the CA certificate saved with the connection to {@code server}; null if neither. */
    Path caCertificate(String server) {
        if (caCertificate != null) {
            return caCertificate;
        }
        return connections().find(server).flatMap(Connections.Connection::caCertificateFile).orElse(null);
    }

    /** The largest flow file read, in bytes: $REPRISE_MAX_FLOW_BYTES, else {@link FlowsCommand#MAX_FLOW_BYTES}. */
    long maxFlowBytes() {
        String env = environment.variables().get(FlowsCommand.MAX_FLOW_BYTES_VARIABLE);
        if (env == null || env.isBlank()) {
            return FlowsCommand.MAX_FLOW_BYTES;
        }
        try {
            long limit = Long.parseLong(env.trim());
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("$" + FlowsCommand.MAX_FLOW_BYTES_VARIABLE
                + " must be a number of bytes above 0, not '" + env + "'");
    }

    /**
     * The run (and step) {@code reference} names in {@code workspace} ({@link RunReference#resolveStep}), saying
     * on stderr which run a name or a flow id gave.
     */
    RunReference.StepReference resolve(Workspace workspace, String reference) {
        RunReference.StepReference resolved = flowFile(workspace, reference)
                .orElseGet(() -> RunReference.resolveStep(workspace, reference));
        if (resolved.run().note() != null) {
            err.println("run " + reference + ": " + resolved.run().note());
            err.flush();
        }
        return resolved;
    }

    /**
     * A reference that is a flow file or folder of this machine ({@code FILE.yaml}, {@code FILE.yaml/STEP}, or a
     * folder's path): the newest
     * run of the flow it defines; empty for any other reference.
     */
    private Optional<RunReference.StepReference> flowFile(Workspace workspace, String reference) {
        Optional<Path> file = LocalCode.fileOf(reference);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = LocalCode.FLOW_FILE.matcher(reference.strip());
        String step = matcher.matches() ? matcher.group(2) : null;
        Path flowFile = Files.isDirectory(file.get()) ? file.get().resolve(FlowFolder.FLOW_FILE) : file.get();
        String flowId;
        try {
            flowId = new FlowParser().parse(Files.readString(flowFile), flowFile.toString()).id();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.get(), e);
        }
        return Optional.of(new RunReference.StepReference(RunReference.newestOf(workspace, flowId), step));
    }

    /** The shared database to keep records in: --store, else $REPRISE_STORE; null for the folder's own. */
    String store() {
        String chosen = store != null ? store : environment.variables().get("REPRISE_STORE");
        return chosen == null || chosen.isBlank() ? null : chosen.strip();
    }

    /** How long this process's leases on the runs it executes last, with a shared store: --lease. */
    Duration leaseTerm() {
        Duration term = InputType.parseDuration(lease);
        if (term.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--lease must be at least 1s, not " + lease);
        }
        return term;
    }

    Path workspaceFolder() {
        return workspace != null ? workspace : defaultWorkspace;
    }

    /** The workspace, opened on first use and closed when the command ends. */
    Workspace workspace() {
        if (opened == null) {
            if (server != null && workspace != null) {
                throw new IllegalArgumentException("--workspace and --server do not go together: pick one");
            }
            opened = server != null ? serverWorkspace() : localWorkspace();
        }
        return opened;
    }

    /** The local workspace folder's workspace, even when --server names a server too (for debug replay). */
    Workspace localWorkspace() {
        if (local == null) {
            Path folder = workspaceFolder().toAbsolutePath().normalize();
            String shared = store();
            local = track(shared != null ? opener.openShared(shared, folder, leaseTerm()) : opener.open(folder));
        }
        return local;
    }

    /** The server's workspace; --server is required. */
    Workspace serverWorkspace() {
        if (server == null) {
            throw new IllegalArgumentException("this needs --server URL");
        }
        if (remote == null) {
            remote = track(connect());
        }
        return remote;
    }

    private Workspace track(Workspace workspace) {
        // Ctrl-C must still close the store cleanly (runs going on are recorded as interrupted)
        Thread hook = new Thread(workspace::close, "reprise-close-workspace");
        Runtime.getRuntime().addShutdownHook(hook);
        closeOnExit.put(workspace, hook);
        return workspace;
    }

    private Workspace connect() {
        String url = Connections.normalize(server);
        String key = explicitToken();
        if (key == null) {
            key = connections().find(url).map(Connections.Connection::token).orElse(null);
        }
        try {
            return opener.connect(URI.create(url), key, caCertificate(url));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server: not a URL: " + server);
        }
    }

    /** Closes every workspace this command opened, the last opened first. */
    void closeWorkspace() {
        List<Workspace> open = new ArrayList<>(closeOnExit.keySet());
        Collections.reverse(open);
        for (Workspace each : open) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit.get(each));
            } catch (IllegalStateException e) {
                // already shutting down: the hooks close them
                return;
            }
            each.close();
        }
        closeOnExit.clear();
        opened = null;
        local = null;
        remote = null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"reprise " + AppVersion.current()};
        }
    }
}
