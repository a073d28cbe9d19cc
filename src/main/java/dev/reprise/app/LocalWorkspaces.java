package dev.reprise.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.Engine;
import dev.reprise.engine.Plugins;
import dev.reprise.engine.RunIds;
import dev.reprise.run.Json;
import dev.reprise.store.H2Store;
import dev.reprise.store.WorkspaceLockedException;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.WorkspaceBusyException;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens a local workspace: the store of its folder (taking the folder's lock, so that a second process gets
 * {@link WorkspaceBusyException}), the engine with the folder's plugins, runs that a stopped process left going
 * recorded as {@code INTERRUPTED}, and the {@link LocalWorkspace} over them. The one place these are put
 * together, for the window, the command line and the server alike.
 */
public final class LocalWorkspaces {

    /** How to open a local workspace: engine parallelism, the clock, and the version recorded with runs. */
    public record Options(int parallelism, Clock clock, String appVersion) {
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), Clock.systemUTC(), currentVersion());
        }

        public Options withParallelism(int n) {
            return new Options(n, clock, appVersion);
        }

        private static String currentVersion() {
            String version = LocalWorkspaces.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }
    }

    private LocalWorkspaces() {
    }

    /** Opens (creating if needed) the workspace in {@code folder}. */
    public static LocalWorkspace open(Path folder, Options options) {
        H2Store store;
        try {
            store = H2Store.open(folder);
        } catch (WorkspaceLockedException e) {
            throw new WorkspaceBusyException(e.getMessage());
        }
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
