package dev.reprise.engine;

import dev.reprise.run.Snapshot;

import java.util.List;
import java.util.Optional;

/** Where snapshots are kept. Implementations are thread-safe. */
public interface SnapshotStore {

    /** Stores {@code snapshot}; false, storing nothing, if one with its name exists. */
    boolean insert(Snapshot snapshot);

    Optional<Snapshot> find(String name);

    /** Every snapshot, by name. */
    List<Snapshot> all();

    /** The snapshots of flow {@code flowId}, by name. */
    List<Snapshot> ofFlow(String flowId);

    /** Deletes a snapshot; false if there was none of that name. */
    boolean delete(String name);
}
