package dev.reprise.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiPredicate;

/**
 * Where the bytes of a bundle come from when it is imported: its artifacts from a workspace (a server's,
 * through {@link Workspace#openArtifact}) or an exported file, and the logs of its attempts when the source
 * carries them (an exported file does). The importer closes every stream it opens; it asks only for what it
 * does not hold already. Implementations say whether they are thread-safe.
 */
@FunctionalInterface
public interface ArtifactSource {

    /** The bytes of artifact {@code sha256}; {@link NotFoundException} if this source does not carry it. */
    InputStream open(String sha256) throws IOException;

    /**
     * The log of attempt {@code attempt} of step {@code stepId} of the bundle's run, or null when this source
     * does not carry it (the run is then imported without that log).
     */
    default InputStream openLog(String stepId, int attempt) throws IOException {
        return null;
    }

    /** The artifacts of {@code workspace} (not its logs: a run of thousands of steps would fetch them all). */
    static ArtifactSource of(Workspace workspace) {
        return workspace::openArtifact;
    }

    /** The artifacts of {@code workspace}, and the logs of run {@code runId}'s attempts that {@code carried} accepts. */
    static ArtifactSource withLogs(Workspace workspace, String runId, BiPredicate<String, Integer> carried) {
        return new ArtifactSource() {
            @Override
            public InputStream open(String sha256) {
                return workspace.openArtifact(sha256);
            }

            @Override
            public InputStream openLog(String stepId, int attempt) throws IOException {
                return carried.test(stepId, attempt) ? LogStream.open(workspace, runId, stepId, attempt) : null;
            }
        };
    }
}
