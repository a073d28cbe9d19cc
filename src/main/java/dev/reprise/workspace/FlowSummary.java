package dev.reprise.workspace;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A flow as listed: its latest revision and when that was saved. */
public record FlowSummary(String id, @Nullable String description, int latestRevision, Instant updatedAt) {
}
