package dev.reprise.engine;

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
    SaveResult save(String flowId, String source, String sha256, Instant at);

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
