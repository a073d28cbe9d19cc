package dev.reprise.app;

import dev.reprise.cli.Connections;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.connect.WorkspacePlaces;
import dev.reprise.workspace.DebugReplay;
import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The window's workspaces: the local one it was opened on ({@link LocalHolding}: held by the window, where debug
 * replays run, or joined through the command that holds it; kept for the window's lifetime) and the servers saved
 * in the connections file, each opened as a {@link RemoteWorkspace} when shown and closed when left (trusting
 * the CA certificate saved with it, if any). The local workspace may still be opening while the window is built:
 * what needs it waits for it (off the UI thread, as {@link WorkspacePlaces} says), and fails as opening it failed.
 * Thread-safe.
 */
final class AppPlaces implements WorkspacePlaces {

    private final CompletableFuture<LocalHolding> local;
    private final Path connectionsFile;
    private final RemoteWorkspace.Options options;

    /** @param local the local workspace, opened or opening */
    AppPlaces(CompletableFuture<LocalHolding> local, Path connectionsFile, RemoteWorkspace.Options options) {
        this.local = local;
        this.connectionsFile = connectionsFile;
        this.options = options;
    }

    /** Over a local workspace the window holds alone (tests of the window). */
    AppPlaces(LocalWorkspace local, Path connectionsFile, RemoteWorkspace.Options options) {
        this(CompletableFuture.completedFuture(LocalHolding.of(local)), connectionsFile, options);
    }

    /** The local workspace if it has opened by now; empty while it opens, or when it could not be opened. */
    Optional<LocalHolding> opened() {
        return local.state() == Future.State.SUCCESS ? Optional.of(local.resultNow()) : Optional.empty();
    }

    /** The local workspace once it has opened; what opening it threw if it could not be. */
    private LocalHolding holding() {
        try {
            return local.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    @Override
    public Place local() {
        return new Place("Local workspace", null);
    }

    @Override
    public List<Place> servers() {
        return new Connections(connectionsFile).all().stream().map(c -> new Place(c.url(), c.url())).toList();
    }

    @Override
    public Workspace open(Place place) {
        if (place.isLocal()) {
            return holding().current();
        }
        Optional<Connections.Connection> saved = new Connections(connectionsFile).find(place.url());
        return RemoteWorkspace.connect(URI.create(place.url()), saved.map(Connections.Connection::token).orElse(null),
                options.withCaCertificate(saved.flatMap(Connections.Connection::caCertificateFile).orElse(null)));
    }

    @Override
    public void release(Workspace workspace) {
        boolean theLocalOne = opened().map(opened -> workspace == opened.current()).orElse(false);
        if (!(workspace instanceof ImportingWorkspace) && !theLocalOne) {
            workspace.close(); // a server's; a local one that changed hands was let go by LocalHolding
        }
    }

    @Override
    public Optional<String> localNotice() {
        LocalHolding opened;
        try {
            opened = local.join();
        } catch (CompletionException e) {
            return Optional.empty(); // nothing to add: opening the local workspace says why it failed
        }
        return opened.held().isPresent() ? Optional.empty() : Optional.of(opened.holder().substring(0, 1).toUpperCase()
                + opened.holder().substring(1) + " holds this workspace; the window works through it, and takes it "
                + "over when that process ends.");
    }

    @Override
    public void onLocalChanged(Consumer<String> listener) {
        local.thenAccept(opened -> opened.onChange(listener));
    }

    @Override
    public Place connect(String url, String token) {
        String server = Connections.normalize(url);
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("a server URL looks like http://host:port, not '" + url + "'");
        }
        // a CA certificate saved for this server by 'reprise connect --ca-cert' still vouches for it
        Path caCertificate = new Connections(connectionsFile).find(server)
                .flatMap(Connections.Connection::caCertificateFile).orElse(null);
        try (RemoteWorkspace workspace = RemoteWorkspace.connect(uri, token, options.withCaCertificate(caCertificate))) {
            workspace.runs(RunQuery.all().withLimit(1)); // the server answers, and takes the token
        }
        new Connections(connectionsFile).save(server, token, caCertificate);
        return new Place(server, server);
    }

    @Override
    public DebugReplay.Result replayLocally(Workspace server, String runId, ReplayRequest request) {
        LocalHolding opened = holding();
        ImportingWorkspace here = opened.held().orElseThrow(() -> new InvalidInputException("a debug replay runs in "
                + "the local workspace, which " + opened.holder() + " holds now: close it, and the window takes the "
                + "workspace over"));
        return new DebugReplay(server, here).replay(runId, request);
    }
}
