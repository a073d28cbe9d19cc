package dev.reprise.flow;

import java.time.Instant;

/** An immutable, numbered version (1..n) of a flow's YAML source, with its SHA-256. */
public record FlowRevision(String flowId, int revision, String source, String sha256, Instant createdAt) {
}
