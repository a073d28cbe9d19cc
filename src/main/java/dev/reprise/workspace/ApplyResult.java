package dev.reprise.workspace;

import dev.reprise.flow.FlowRevision;

/** The revision a flow file now is, and whether applying it created that revision. */
public record ApplyResult(FlowRevision revision, boolean created) {
}
