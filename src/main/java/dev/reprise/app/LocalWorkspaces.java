package dev.reprise.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.engine.Engine;
import dev.reprise.engine.Plugins;
import dev.reprise.engine.RunIds;
import dev.reprise.run.Json;
import dev.reprise.store.H2Store;
import dev.reprise.store.PostgresStore;
import dev.reprise.store.StoreException;
import dev.reprise.store.WorkspaceStore;
import dev.reprise.store.WorkspaceLockedException;
import dev.reprise.workspace.AppVersion;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceBusyException;
import dev.reprise.workspace.WorkspaceException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Opens a local workspace: the store of its folder (taking the folder's lock, so that a second process gets
 * {@link WorkspaceBusyException}), the engine with the folder's plugins, runs that a stopped process left going
 * recorded as {@code INTERRUPTED}, and the {@link LocalWorkspace} over them. The one place these are put
 * together, for the window, the command line and the server alike.
 */
public final class LocalWorkspaces {

    /**
     * How to open a local workspace: engine parallelism, the clock, the version recorded with runs, and, on a
     * store shared with other processes, how long this process's leases on its runs last.
     */
    public record Options(int parallelism, Clock clock, String appVersion, Duration leaseTerm) {
        /** Leases last this long unless told otherwise: a dead process's runs are taken over within about that. */
        public static final Duration DEFAULT_LEASE_TERM = Duration.ofSeconds(10);

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), Clock.systemUTC(), AppVersion.current(),
                    DEFAULT_LEASE_TERM);
        }

        public Options withParallelism(int n) {
            return new Options(n, clock, appVersion, leaseTerm);
        }

        public Options withLeaseTerm(Duration term) {
            return new Options(parallelism, clock, appVersion, term);
        }
    }

    /** How long a command waits for a workspace that another process holds without sharing it yet. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private LocalWorkspaces() {
    }

    /** What opening a folder that other processes may hold gives: the workspace held here, or its holder's address. */
    sealed interface Opened {
        /** This process holds the workspace (and has started sharing it). */
        record Held(LocalWorkspace workspace, WorkspaceShare share) implements Opened {
        }

        /** Another process holds it and shares it at {@code address}. */
        record Joined(WorkspaceShare.Address address) implements Opened {
            RemoteWorkspace connect() {
                return RemoteWorkspace.connect(URI.create(address.url()), address.token(),
                        RemoteWorkspace.Options.defaults());
            }
        }
    }

    /**
     * Holds the workspace in {@code folder} and shares it with the other processes of this user (see
     * {@link WorkspaceShare}), or, when another process holds it, finds where that one shares it. A holder that
     * has not shared it yet (it has just opened it, or is a short command) is waited for up to {@code patience}.
     *
     * @throws WorkspaceBusyException when the holder neither shares the workspace nor lets it go in time
     */
    static Opened holdOrFind(Path folder, Options options, Duration patience) {
        return holdOrFind(folder, options, patience, CompletableFuture.completedFuture(null));
    }

    /** As {@link #holdOrFind(Path, Options, Duration)}, sharing a workspace held here once {@code shareAfter} is done. */
    static Opened holdOrFind(Path folder, Options options, Duration patience, CompletionStage<?> shareAfter) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                LocalWorkspace local = open(folder, options);
                return new Opened.Held(local, WorkspaceShare.start(folder, local, options.appVersion(), options.clock(),
                        shareAfter));
            } catch (WorkspaceBusyException busy) {
                Optional<WorkspaceShare.Address> address = WorkspaceShare.find(folder);
                if (address.isPresent()) {
                    return new Opened.Joined(address.get());
                }
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * The workspace in {@code folder} for a command: held here and shared ({@link #holdOrFind}; closing it waits
     * for the runs other processes started here, telling {@code notice}), or its holder's, joined, and taken over
     * should that holder end first (see {@link JoinedWorkspace}; {@code notice} hears of it).
     */
    static Workspace openOrJoin(Path folder, Options options, Duration patience, Consumer<String> notice) {
        Opened opened = holdOrFind(folder, options, patience);
        return switch (opened) {
            case Opened.Held held -> closingAfter(held.workspace(), () -> held.share().closeAfterClientRuns(notice));
            case Opened.Joined joined -> JoinedWorkspace.of(LocalHolding.of(folder, options, joined, "this command"),
                    notice);
        };
    }

    /** {@code local} (as every interface it has), running {@code beforeClose} when it is closed. */
    private static Workspace closingAfter(LocalWorkspace local, Runnable beforeClose) {
        return Around.wrap(local, Workspace.class, (method, args, proceed) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    beforeClose.run();
                } finally {
                    local.close();
                }
                return null;
            }
            return proceed.call();
        });
    }

    /** Opens (creating if needed) the workspace in {@code folder}. */
    public static LocalWorkspace open(Path folder, Options options) {
        H2Store store;
        try {
            store = H2Store.open(folder);
        } catch (WorkspaceLockedException e) {
            throw new WorkspaceBusyException(e.getMessage());
        }
        return over(folder, store, options);
    }

    /**
     * Opens the workspace whose records are in the PostgreSQL database at {@code store} and whose files are in
     * {@code folder}, beside the other processes that share it: this one executes the runs it starts, and takes
     * over those of processes that stopped (see {@link dev.reprise.engine.RunSharing}).
     */
    public static LocalWorkspace openShared(String store, Path folder, Options options) {
        PostgresStore opened;
        try {
            opened = PostgresStore.open(store, folder, options.leaseTerm());
        } catch (StoreException e) {
            // an address that answers nothing, refuses the user or holds no such database: the caller's to fix
            throw new WorkspaceException(e.getMessage(), e);
        }
        return over(folder, opened, options);
    }

    /** The workspace over an opened {@code store}, with its engine; closes the store if that fails. */
    private static LocalWorkspace over(Path folder, WorkspaceStore store, Options options) {
        try {
            ObjectMapper mapper = Json.newMapper();
            Engine engine = new Engine(store.runs(), store.artifacts(), store.logs(),
                    Plugins.load(folder.resolve("plugins")), options.clock(), new RunIds(options.clock()), mapper,
                    new Engine.Config(options.parallelism(), folder.resolve("tmp"), options.appVersion()));
            engine.recoverInterrupted();
            return new LocalWorkspace(folder, store, engine, options.clock());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
