package dev.reprise.app;

import dev.reprise.cli.Connections;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.connect.WorkspacePlaces;
import dev.reprise.workspace.DebugReplay;
import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.Workspace;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The window's workspaces: the local one it was opened on (kept open for the window's lifetime; it is
 * where debug replays run) and the servers saved in the connections file, each opened as a
 * {@link RemoteWorkspace} when shown and closed when left. Thread-safe.
 */
final class AppPlaces implements WorkspacePlaces {

    private final ImportingWorkspace local;
    private final Path connectionsFile;
    private final RemoteWorkspace.Options options;

    AppPlaces(ImportingWorkspace local, Path connectionsFile, RemoteWorkspace.Options options) {
        this.local = local;
        this.connectionsFile = connectionsFile;
        this.options = options;
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
            return local;
        }
        String token = new Connections(connectionsFile).find(place.url()).map(Connections.Connection::token)
                .orElse(null);
        return RemoteWorkspace.connect(URI.create(place.url()), token, options);
    }

    @Override
    public void release(Workspace workspace) {
        if (workspace != local) {
            workspace.close();
        }
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
        try (RemoteWorkspace workspace = RemoteWorkspace.connect(uri, token, options)) {
            workspace.runs(RunQuery.all().withLimit(1)); // the server answers, and takes the token
        }
        new Connections(connectionsFile).save(server, token);
        return new Place(server, server);
    }

    @Override
    public DebugReplay.Result replayLocally(Workspace server, String runId, ReplayRequest request) {
        return new DebugReplay(server, local).replay(runId, request);
    }
}
