package dev.reprise.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import dev.reprise.run.PrivateFiles;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.server.SessionToken;
import dev.reprise.server.WorkspaceServer;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Shares a local workspace that this process holds with the other Reprise processes of its user: the workspace
 * contract served on loopback ({@code 127.0.0.1}, a free port) with a token made for this process, both written
 * to {@value #FILE_NAME} in the workspace folder, readable by its owner only. Another process that finds the
 * folder locked reads that file and works through {@code RemoteWorkspace}; what it starts runs here, in the
 * holder, and so belongs to a process that is alive. Serving starts in the background a moment after the
 * workspace opened ({@value #DELAY_MILLIS} ms), so that a short command, which ends before that, pays nothing for
 * it, and not before what the holder names has happened (the window's first frame, which starting a web server
 * would slow down); one that wants its workspace meanwhile waits: see {@link LocalWorkspaces#openOrJoin}. On
 * {@link #close}, the holder first waits for the runs that other processes started
 * through it, so that ending the holder (closing the window, a command's end) does not interrupt them.
 * Thread-safe.
 */
final class WorkspaceShare implements AutoCloseable {

    /** The file in the workspace folder that says where the holder serves it. */
    static final String FILE_NAME = "share.json";

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceShare.class);
    private static final ObjectMapper JSON = Json.newMapper();
    /** How long a closing holder lets followers of the runs it waited for hear their end, at most. */
    static final long FOLLOWERS_GRACE_MILLIS = 5000;

    /** How long after opening the holder starts serving. */
    static final long DELAY_MILLIS = 250;
    private static final Set<String> STARTING_RUNS = Set.of("start", "replay", "runSnapshot", "runLatestSnapshot");

    /** Where a holder serves its workspace: its process, the API's base URL and the token. */
    record Address(long pid, String url, String token) {
    }

    private final Path file;
    private final LocalWorkspace workspace;
    private final String version;
    private final Clock clock;
    private final Set<String> clientRuns = ConcurrentHashMap.newKeySet();
    private final Subscription forgetEnded;
    private WorkspaceServer server;
    private boolean stopped;

    private WorkspaceShare(Path folder, LocalWorkspace workspace, String version, Clock clock) {
        this.file = folder.resolve(FILE_NAME);
        this.workspace = workspace;
        this.version = version;
        this.clock = clock;
        // a client's run is forgotten when it ends, so that only those still going are read again on closing
        this.forgetEnded = workspace.subscribeAll(event -> {
            if (event instanceof RunEvent.RunChanged(Run run, Instant time) && run.state().isTerminal()) {
                clientRuns.remove(run.id());
            }
        });
    }

    /**
     * Starts sharing {@code workspace}, which this process holds, in the background: {@value #DELAY_MILLIS} ms from
     * now, once {@code after} has completed (in any way).
     */
    static WorkspaceShare start(Path folder, LocalWorkspace workspace, String version, Clock clock,
                                CompletionStage<?> after) {
        WorkspaceShare share = new WorkspaceShare(folder, workspace, version, clock);
        Thread serving = new Thread(() -> share.serve(after), "reprise-share");
        serving.setDaemon(true);
        serving.start();
        return share;
    }

    /** Where the holder of the workspace in {@code folder} serves it; empty when none does (or it has died). */
    static Optional<Address> find(Path folder) {
        Address address;
        try {
            address = JSON.readValue(Files.readAllBytes(folder.resolve(FILE_NAME)), Address.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", folder.resolve(FILE_NAME), e.toString());
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(address.pid()).map(ProcessHandle::isAlive).orElse(false);
        return alive && address.url() != null && address.token() != null ? Optional.of(address) : Optional.empty();
    }

    private void serve(CompletionStage<?> after) {
        try {
            Thread.sleep(DELAY_MILLIS);
            after.toCompletableFuture().handle((done, failed) -> null).get();
        } catch (InterruptedException | ExecutionException e) {
            return;
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        SessionToken token = SessionToken.random("other processes of this user", clock.instant());
        WorkspaceServer started;
        try {
            started = WorkspaceServer.start(recordingStarts(workspace), token,
                    WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0).withVersion(version));
        } catch (RuntimeException e) {
            synchronized (this) {
                if (stopped) {
                    // closed while the server started (a command that ended at once): its workspace is gone
                    LOG.debug("the share stopped while it started: {}", e.toString());
                    return;
                }
            }
            LOG.warn("cannot share the workspace with other processes: {}", e.getMessage());
            return;
        }
        synchronized (this) {
            if (stopped) {
                started.close();
                return;
            }
            try {
                PrivateFiles.write(file, JSON.writeValueAsBytes(
                        new Address(ProcessHandle.current().pid(), started.url(), token.token())));
            } catch (IOException e) {
                started.close();
                LOG.warn("cannot share the workspace with other processes: {}", e.toString());
                return;
            }
            server = started;
        }
    }

    /**
     * The runs that other processes started through this share and that have not ended: those not yet heard to
     * end are read again, for a run may end before it was remembered.
     */
    List<String> clientRunsGoingOn() {
        clientRuns.removeIf(id -> workspace.run(id).run().state().isTerminal());
        return List.copyOf(clientRuns);
    }

    /**
     * Waits for the runs other processes started here to end, telling {@code notice} which, then stops
     * sharing. The share keeps serving while it waits, so their followers see them to the end.
     */
    void closeAfterClientRuns(Consumer<String> notice) {
        List<String> going = clientRunsGoingOn();
        boolean waited = !going.isEmpty();
        while (!going.isEmpty()) {
            notice.accept("waiting for " + (going.size() == 1 ? "run " + going.get(0)
                    : going.size() + " runs") + " started from another process to end");
            going.forEach(workspace::await);
            going = clientRunsGoingOn();
        }
        if (waited) {
            letFollowersHearTheEnd();
        }
        close();
    }

    /**
     * Gives the processes that follow the runs just ended the time to hear their end (a run's event stream ends
     * once its end was sent), at most {@value #FOLLOWERS_GRACE_MILLIS} ms: one that missed it would wait for a
     * holder that is gone.
     */
    private void letFollowersHearTheEnd() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FOLLOWERS_GRACE_MILLIS);
        while (System.nanoTime() < deadline) {
            WorkspaceServer serving;
            synchronized (this) {
                serving = server;
            }
            if (serving == null || serving.runFollowers() == 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops sharing at once: the file goes, then the server. */
    @Override
    public void close() {
        WorkspaceServer serving;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            serving = server;
            server = null;
        }
        forgetEnded.close();
        if (serving != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                serving.close();
            }
        }
    }

    /** {@code workspace} as the share serves it: the runs it starts for a client are remembered. */
    private Workspace recordingStarts(LocalWorkspace local) {
        return Around.wrap(local, Workspace.class, (method, args, proceed) -> {
            Object result = proceed.call();
            if (result instanceof Run run && STARTING_RUNS.contains(method.getName())) {
                clientRuns.add(run.id());
            }
            return result;
        });
    }
}
