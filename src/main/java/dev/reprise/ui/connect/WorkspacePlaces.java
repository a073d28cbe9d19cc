package dev.reprise.ui.connect;

import dev.reprise.run.ReplayRequest;
import dev.reprise.workspace.DebugReplay;
import dev.reprise.workspace.Workspace;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The workspaces the window can show — the local one and the saved servers — and how to open them; the
 * composition root implements it, so that the UI never builds a workspace itself. Every method may block
 * (files, network): call them off the UI thread. Implementations are thread-safe.
 */
public interface WorkspacePlaces {

    /** A workspace the window can show: the local one ({@code url} null) or a server. */
    record Place(String name, String url) {
        public boolean isLocal() {
            return url == null;
        }
    }

    Place local();

    /** The saved servers, as {@code reprise connect} saves them. */
    List<Place> servers();

    /** The workspace of {@code place}; give it back with {@link #release} when the window leaves it. */
    Workspace open(Place place);

    /** Closes a server's workspace; the local one stays open for the window's lifetime. */
    void release(Workspace workspace);

    /**
     * Checks that the server at {@code url} answers and takes {@code token}, then saves the connection.
     * Throws with a message for people when it does not.
     */
    Place connect(String url, String token);

    /**
     * What the window should say about the local workspace when it opens (it is held by another process, say);
     * empty when nothing.
     */
    default Optional<String> localNotice() {
        return Optional.empty();
    }

    /**
     * {@code listener} hears, with words for people and on any thread, each time the local workspace changes
     * hands: {@link #open} of the local place gives the new one from then on.
     */
    default void onLocalChanged(Consumer<String> listener) {
    }

    /** Debug replay of a run of {@code server} in the local workspace (see {@link DebugReplay}). */
    DebugReplay.Result replayLocally(Workspace server, String runId, ReplayRequest request);
}
