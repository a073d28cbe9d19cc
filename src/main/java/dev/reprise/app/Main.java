package dev.reprise.app;

import dev.reprise.cli.Cli;
import dev.reprise.cli.WorkspaceOpener;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.workspace.AppVersion;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceBusyException;
import dev.reprise.workspace.WorkspaceException;
import org.jspecify.annotations.Nullable;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The composition root: decides which workspace implementation the CLI and the window get (a local
 * folder, or a server through {@link RemoteWorkspace}) and which server {@code reprise server} runs. With
 * no arguments, or only {@code --workspace DIR}, it opens the desktop window; any sub-command runs the
 * command line.
 */
public final class Main {

    /** What starting the window without a display prints, instead of the toolkit's stack trace. */
    static final String NO_DISPLAY = "no display: use the command line, e.g. reprise runs list";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Optional<Path> desktop = desktopWorkspace(args);
        if (desktop.isPresent()) {
            if (!hasDisplay(System.getProperty("os.name", ""), System.getenv(), System.getProperty("glass.platform"))) {
                err.println(NO_DISPLAY);
                return Cli.BAD_INPUT;
            }
            return desktop(desktop.get().toAbsolutePath().normalize(), err);
        }
        Cli cli = new Cli(workspaces(err::println), defaultWorkspace(), new Cli.Environment(
                new ServerHosting(AppVersion.current(), Clock.systemUTC()), connectionsFile(), System.getenv()));
        return cli.execute(args, out, err);
    }

    /**
     * The window on the workspace in {@code folder}. The workspace opens on a thread of its own while the toolkit
     * starts and the window is built, which take about as long; the window shows once both are done (see
     * {@link DesktopApp}), and it shares the workspace with other processes only after its first frame. A
     * workspace that cannot be opened is said in the window, then here once it closes, with the exit code a
     * command would give.
     */
    private static int desktop(Path folder, PrintWriter err) {
        CompletableFuture<Void> firstFrame = new CompletableFuture<>();
        CompletableFuture<LocalHolding> opening = openInBackground(folder, firstFrame);
        try {
            DesktopApp.show(opening, folder, firstFrame, connectionsFile(), settingsFile());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(LocalHolding::close);
            return Cli.RUN_FAILED;
        }
        LocalHolding workspace;
        try {
            workspace = opening.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case WorkspaceBusyException busy -> {
                    err.println("error: " + busy.getMessage());
                    return Cli.BUSY;
                }
                case WorkspaceException bad -> {
                    err.println("error: " + bad.getMessage());
                    return Cli.BAD_INPUT;
                }
                case RuntimeException unexpected -> throw unexpected;
                case Error unexpected -> throw unexpected;
                default -> throw e;
            }
        }
        try {
            // what terminals started here goes on to its end; the window's own runs end with it
            workspace.closeAfterClientRuns(err::println);
            return Cli.OK;
        } finally {
            workspace.close();
        }
    }

    /** Opens the workspace in {@code folder} on a thread of its own, sharing it once {@code shareAfter} is done. */
    private static CompletableFuture<LocalHolding> openInBackground(Path folder, CompletionStage<?> shareAfter) {
        CompletableFuture<LocalHolding> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                LocalHolding workspace = LocalHolding.open(folder, LocalWorkspaces.Options.defaults(),
                        LocalWorkspaces.PATIENCE, shareAfter);
                // a SIGTERM closes the store too: the runs going on are recorded as interrupted, as on closing the window
                Runtime.getRuntime().addShutdownHook(new Thread(workspace::close, "reprise-close-workspace"));
                opening.complete(workspace);
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        }, "reprise-open-workspace");
        opener.start();
        return opening;
    }

    /**
     * Whether the window can open: on Linux, JavaFX needs an X11 or Wayland display ({@code DISPLAY} or
     * {@code WAYLAND_DISPLAY}) and fails deep in its toolkit without one; a display-less glass platform
     * (Monocle, as in the UI tests) needs none. Other systems always have their own window server.
     */
    static boolean hasDisplay(String osName, Map<String, String> env, String glassPlatform) {
        if (!osName.startsWith("Linux") || "Monocle".equalsIgnoreCase(glassPlatform)) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    /**
     * The workspace folder when {@code args} ask for the window (nothing, or only {@code --workspace DIR});
     * empty when they name a command.
     */
    static Optional<Path> desktopWorkspace(String[] args) {
        if (args.length == 0) {
            return Optional.of(defaultWorkspace());
        }
        if (args.length == 2 && args[0].equals("--workspace")) {
            return Optional.of(Path.of(args[1]));
        }
        if (args.length == 1 && args[0].startsWith("--workspace=")) {
            return Optional.of(Path.of(args[0].substring("--workspace=".length())));
        }
        return Optional.empty();
    }

    /**
     * Local folders open a {@link LocalWorkspace}, shared with the other processes of this user, or join the
     * process that holds it (see {@link LocalWorkspaces#openOrJoin}); server URLs a {@link RemoteWorkspace}.
     * {@code notice} hears what a command waits for when it ends.
     */
    static WorkspaceOpener workspaces(Consumer<String> notice) {
        return new WorkspaceOpener() {
            @Override
            public Workspace open(Path folder) {
                return LocalWorkspaces.openOrJoin(folder, LocalWorkspaces.Options.defaults(), LocalWorkspaces.PATIENCE,
                        notice);
            }

            @Override
            public Workspace openShared(String store, Path folder, Duration leaseTerm) {
                return LocalWorkspaces.openShared(store, folder, LocalWorkspaces.Options.defaults().withLeaseTerm(leaseTerm));
            }

            @Override
            public Workspace connect(URI server, String token, @Nullable Path caCertificate) {
                return RemoteWorkspace.connect(server, token,
                        RemoteWorkspace.Options.defaults().withCaCertificate(caCertificate));
            }
        };
    }

    /** The default workspace folder: see {@link UserPlaces}. */
    static Path defaultWorkspace() {
        return UserPlaces.current().workspace();
    }

    /** The saved server connections: see {@link UserPlaces}. */
    static Path connectionsFile() {
        return UserPlaces.current().connections();
    }

    /** The window's settings (the theme): see {@link UserPlaces}. */
    static Path settingsFile() {
        return UserPlaces.current().settings();
    }
}
