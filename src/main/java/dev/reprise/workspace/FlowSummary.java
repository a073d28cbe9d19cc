package dev.reprise.workspace;

import java.time.Instant;

/** A flow as listed: its latest revision and when that was saved. */
public record FlowSummary(String id, String description, int latestRevision, Instant updatedAt) {
}
