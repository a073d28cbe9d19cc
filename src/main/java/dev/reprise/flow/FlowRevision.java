package dev.reprise.flow;

import java.time.Instant;
import java.util.List;

/**
 * An immutable, numbered version (1..n) of a flow: its YAML source and, for a flow kept as a folder, the
 * other files of the folder ({@code files}, by path; empty for a flow file alone). {@code sha256} identifies
 * the whole revision: the source's SHA-256 for a flow file alone, else a digest over the source and every
 * file's path and digest, so that a changed file makes a new revision.
 */
public record FlowRevision(String flowId, int revision, String source, String sha256, Instant createdAt,
                           List<FlowFile> files) {

    public FlowRevision {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A revision of a flow file alone. */
    public FlowRevision(String flowId, int revision, String source, String sha256, Instant createdAt) {
        this(flowId, revision, source, sha256, createdAt, List.of());
    }
}
