package dev.reprise.workspace;

import dev.reprise.flow.FlowRevision;
import dev.reprise.run.Run;

import java.util.List;

/**
 * A workspace that can take in runs made elsewhere: an exported run, or a server's run for a debug replay
 * (see {@link DebugReplay}). Thread-safe.
 */
public interface ImportingWorkspace extends Workspace {

    /**
     * Stores the bundle's run, its step runs and its flow revision, keeping the run's id, and the bundle's
     * artifacts (each checked against its digest; those already here are not asked for). Importing the same
     * run again writes no run records, only artifacts missing so far. A run with the same id but different
     * content is refused with {@link InvalidInputException}, and nothing is written.
     */
    ImportResult importRun(RunBundle bundle, ArtifactSource artifacts);

    /**
     * The local revision with the same source as {@code revision} (same SHA-256), stored as the flow's next
     * revision if there is none. Revision numbers are per workspace, so the one returned may differ.
     */
    FlowRevision importRevision(FlowRevision revision);

    /** What an import did: the run as stored here, whether it was new, and the artifacts it copied in. */
    record ImportResult(Run run, boolean created, List<String> storedArtifacts) {
        public ImportResult {
            storedArtifacts = List.copyOf(storedArtifacts);
        }
    }
}
