package dev.reprise.run;

import java.util.List;

/** The replay tree a run belongs to: its root run and, under each run, the replays made of it. */
public record Lineage(String runId, Node root) {

    /** A run and the replays made of it, oldest first. */
    public record Node(Run run, List<Node> replays) {
        public Node {
            replays = List.copyOf(replays);
        }
    }
}
