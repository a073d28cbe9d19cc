package dev.reprise.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.ArtifactStore;
import dev.reprise.engine.FlowStore;
import dev.reprise.engine.LogStore;
import dev.reprise.engine.RunSharing;
import dev.reprise.engine.RunStore;
import dev.reprise.engine.SnapshotStore;
import dev.reprise.run.Json;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workspace's records and files: runs, flows and snapshots in a database, artifacts under
 * {@code artifacts/} and logs under {@code logs/} of its folder. {@link H2Store} keeps the database in the
 * folder, for one process; {@link PostgresStore} on a PostgreSQL server that several processes share (their
 * folders then hold the same files: one folder, or a shared mount). Thread-safe; close it once, after
 * everything that uses its stores has stopped.
 */
public abstract sealed class WorkspaceStore implements AutoCloseable permits H2Store, PostgresStore {

    private final Path dir;
    private final Database database;
    private final GroupCommit durability;
    private final SqlRunStore runs;
    private final SqlFlowStore flows;
    private final SqlSnapshotStore snapshots;
    private final FileArtifactStore artifacts;
    private final FileLogStore logs;

    WorkspaceStore(Path dir, Database database, GroupCommit durability, Connection writer, Dialect dialect,
                   @Nullable Ownership ownership, @Nullable RunSharing sharing) throws SQLException {
        this.dir = dir;
        this.database = database;
        this.durability = durability;
        ObjectMapper mapper = Json.newMapper();
        this.runs = new SqlRunStore(database, durability, writer, mapper, dialect, ownership, sharing);
        this.flows = new SqlFlowStore(database);
        this.snapshots = new SqlSnapshotStore(database, mapper);
        this.artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        this.logs = new FileLogStore(dir.resolve("logs"));
    }

    /** Commits made, flushes (writes with an fsync) run and time spent flushing since the workspace was opened. */
    public record CommitStats(long commits, long flushes, long flushNanos) {
    }

    public CommitStats commitStats() {
        GroupCommit.Stats stats = durability.stats();
        return new CommitStats(stats.commits(), stats.flushes(), stats.flushNanos());
    }

    /** What a garbage collection did: artifacts removed and their bytes, and artifacts kept. */
    public record Collected(int removed, long freedBytes, int kept) {
    }

    private static final Pattern ARTIFACT_REF = Pattern.compile("\"\\$artifact\"\\s*:\\s*\"([0-9a-f]{64})\"");

    /**
     * Deletes the artifacts that no run, step run, snapshot or flow revision refers to any more and that are older than
     * {@code notAfter}: a step going on or an import stores its files before the records that refer to them
     * are committed, so recent files are left alone. References are found in the stored JSON text, not parsed.
     */
    public Collected collectGarbage(Instant notAfter) {
        return collectGarbage(notAfter, false);
    }

    /** As {@link #collectGarbage(Instant)}; with {@code dryRun} nothing is deleted, and what would go is counted. */
    public Collected collectGarbage(Instant notAfter, boolean dryRun) {
        Set<String> referenced = new HashSet<>();
        database.read("find the artifacts in use", connection -> {
            for (String sql : List.of("SELECT parameters, outputs, replay FROM run", "SELECT inputs, outputs FROM step_run",
                    "SELECT parameters, step_inputs FROM snapshot")) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            String text = rows.getString(column);
                            if (text != null && text.contains("$artifact")) {
                                Matcher matcher = ARTIFACT_REF.matcher(text);
                                while (matcher.find()) {
                                    referenced.add(matcher.group(1));
                                }
                            }
                        }
                    }
                }
            }
            // the files of flow folders' revisions, kept for as long as their revision (that is, always)
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT files FROM flow_revision WHERE files IS NOT NULL")) {
                while (rows.next()) {
                    referenced.addAll(FlowFileLines.digests(rows.getString(1)));
                }
            }
            return null;
        });
        int removed = 0;
        int kept = 0;
        long freed = 0;
        for (FileArtifactStore.StoredFile file : artifacts.list()) {
            if (referenced.contains(file.sha256()) || file.modified().isAfter(notAfter)) {
                kept++;
            } else if (dryRun || artifacts.delete(file.sha256())) {
                removed++;
                freed += file.size();
            }
        }
        return new Collected(removed, freed, kept);
    }

    /** Where the records are: the workspace folder, or the database (without its password). */
    public abstract String location();

    /** Returns the run store's writing connection; call once, first thing when closing. */
    final void closeRuns() {
        runs.close();
    }

    final Database database() {
        return database;
    }

    public Path dir() {
        return dir;
    }

    public RunStore runs() {
        return runs;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public FlowStore flows() {
        return flows;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public LogStore logs() {
        return logs;
    }

    /** Closes the database and releases what this process holds of the workspace. A second call does nothing. */
    @Override
    public abstract void close();
}
