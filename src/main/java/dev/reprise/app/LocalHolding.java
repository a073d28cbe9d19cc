package dev.reprise.app;

import dev.reprise.workspace.ImportingWorkspace;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The window's local workspace: held by this process and shared with the others (a command in a terminal works
 * through it), or, when a command held it first, joined through that command's process. A joined workspace is
 * watched: once its holder ends, this process takes the workspace over (or joins whoever did) and tells its
 * listeners, so that the window goes on showing it. Thread-safe.
 */
final class LocalHolding implements AutoCloseable {

    /** How often a joined workspace checks that its holder still shares it. */
    static final Duration WATCH_EVERY = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(LocalHolding.class);

    private final Path folder;
    private final LocalWorkspaces.Options options;
    /** This process in words: "this window", "this command". */
    private final String self;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher;
    private LocalWorkspace held;
    private WorkspaceShare share;
    private Workspace current;
    private long holderPid;
    private boolean closed;

    private LocalHolding(Path folder, LocalWorkspaces.Options options, LocalWorkspaces.Opened opened, String self) {
        this.folder = folder;
        this.options = options;
        this.self = self;
        adopt(opened);
        if (held == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "reprise-watch-holder");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::watch, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
    }

    /** The workspace in {@code folder}, held here or joined (see {@link LocalWorkspaces#holdOrFind}). */
    static LocalHolding open(Path folder, LocalWorkspaces.Options options, Duration patience) {
        return open(folder, options, patience, CompletableFuture.completedFuture(null));
    }

    /** As {@link #open(Path, LocalWorkspaces.Options, Duration)}, sharing a workspace held here once {@code shareAfter} is done. */
    static LocalHolding open(Path folder, LocalWorkspaces.Options options, Duration patience, CompletionStage<?> shareAfter) {
        return new LocalHolding(folder, options, LocalWorkspaces.holdOrFind(folder, options, patience, shareAfter),
                "this window");
    }

    /**
     * The workspace {@code opened} in {@code folder} (see {@link LocalWorkspaces#holdOrFind}) by a process that
     * calls itself {@code self} when it says it took the workspace over.
     */
    static LocalHolding of(Path folder, LocalWorkspaces.Options options, LocalWorkspaces.Opened opened, String self) {
        return new LocalHolding(folder, options, opened, self);
    }

    /** {@code workspace}, held by this process and not shared (for tests of the window). */
    static LocalHolding of(LocalWorkspace workspace) {
        return new LocalHolding(Path.of(workspace.location()), LocalWorkspaces.Options.defaults(),
                new LocalWorkspaces.Opened.Held(workspace, null), "this window");
    }

    private void adopt(LocalWorkspaces.Opened opened) {
        switch (opened) {
            case LocalWorkspaces.Opened.Held h -> {
                held = h.workspace();
                share = h.share();
                current = held;
                holderPid = ProcessHandle.current().pid();
            }
            case LocalWorkspaces.Opened.Joined joined -> {
                holderPid = joined.address().pid();
                current = showingFolder(joined.connect());
            }
        }
    }

    /** A joined workspace, which says the folder (and who holds it) as its location, not the holder's address. */
    private Workspace showingFolder(Workspace joined) {
        String location = folder + " (held by process " + holderPid + ")";
        return Around.wrap(joined, Workspace.class, (method, args, proceed) ->
                method.getName().equals("location") && method.getParameterCount() == 0 ? location : proceed.call());
    }

    /** The workspace as it is now: the window shows this one. */
    synchronized Workspace current() {
        return current;
    }

    /** The workspace when this process holds it, for what only a holder can do (a debug replay, an import). */
    synchronized Optional<ImportingWorkspace> held() {
        return Optional.ofNullable(held);
    }

    /** Who holds the workspace, in words for the window. */
    synchronized String holder() {
        return held != null ? self : "process " + holderPid;
    }

    /** {@code listener} hears, with words for people, each time the workspace changes hands. */
    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Looks at once whether the holder of a joined workspace has ended, and takes over if it has. */
    void checkHolder() {
        watch();
    }

    private void watch() {
        String said;
        synchronized (this) {
            if (closed || held != null || WorkspaceShare.find(folder).filter(a -> a.pid() == holderPid).isPresent()) {
                return;
            }
            long before = holderPid;
            Workspace left = current;
            try {
                adopt(LocalWorkspaces.holdOrFind(folder, options, Duration.ZERO));
            } catch (WorkspaceBusyException e) {
                return; // the next holder has not shared it yet: look again soon
            }
            left.close();
            said = held != null ? "Process " + before + " ended; " + self + " now holds the workspace."
                    : "Process " + before + " ended; process " + holderPid + " now holds the workspace.";
            if (held != null) {
                watcher.shutdown();
            }
        }
        LOG.info(said);
        listeners.forEach(l -> l.accept(said));
    }

    /**
     * Stops watching and lets the workspace go: a held one after the runs other processes started here have ended
     * (each wait told to {@code notice}), so that closing the window does not interrupt them.
     */
    void closeAfterClientRuns(Consumer<String> notice) {
        WorkspaceShare sharing;
        synchronized (this) {
            sharing = share;
        }
        if (sharing != null) {
            sharing.closeAfterClientRuns(notice);
        }
        close();
    }

    /** Lets the workspace go at once: runs going on in a held one are recorded as interrupted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.shutdownNow();
        }
        try {
            if (share != null) {
                share.close();
            }
        } finally {
            current.close();
        }
    }
}
