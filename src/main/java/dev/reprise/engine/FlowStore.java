package dev.reprise.engine;

import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Immutable, numbered flow revisions. Thread-safe. */
public interface FlowStore {

    /**
     * Stores {@code source} as the next revision of {@code flowId}, unless it equals the latest revision
     * (same SHA-256), in which case that revision is returned and nothing is written.
     */
    default SaveResult save(String flowId, String source, String sha256, Instant at) {
        return save(flowId, source, sha256, List.of(), at);
    }

    /**
     * As {@link #save(String, String, String, Instant)} for a flow kept as a folder: {@code files} are the
     * folder's other files, whose bytes the artifact store holds already, and {@code sha256} identifies the
     * source and the files together.
     */
    SaveResult save(String flowId, String source, String sha256, List<FlowFile> files, Instant at);

    Optional<FlowRevision> latest(String flowId);

    Optional<FlowRevision> revision(String flowId, int revision);

    /** The number of the latest revision, without reading its source. */
    OptionalInt latestRevision(String flowId);

    /** Every revision of a flow, oldest first. */
    List<FlowRevision> revisions(String flowId);

    /** The latest revision of every flow, by flow id. */
    List<FlowRevision> latestOfEach();

    record SaveResult(FlowRevision revision, boolean created) {
    }
}
