package dev.reprise.cli;

import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceException;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Opens the workspace a command works on; the composition root decides which implementation. */
@FunctionalInterface
public interface WorkspaceOpener {

    Workspace open(Path folder);

    /**
     * The workspace whose records are in the shared database at {@code store} and whose files are in
     * {@code folder}, beside the other processes that share it; this process's leases on the runs it executes
     * last {@code leaseTerm}.
     */
    default Workspace openShared(String store, Path folder, Duration leaseTerm) {
        throw new WorkspaceException("this command line cannot open shared stores");
    }

    /**
     * The workspace served at {@code server}, authenticated with {@code token} (null: none), its HTTPS certificate
     * trusted by the PEM file {@code caCertificate} (null: by the JVM's authorities).
     */
    default Workspace connect(URI server, String token, @Nullable Path caCertificate) {
        throw new WorkspaceException("this command line cannot connect to servers");
    }
}
