package dev.reprise.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.engine.RunOwnershipLostException;
import dev.reprise.engine.RunSharing;
import dev.reprise.engine.RunStore;
import dev.reprise.run.Run;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link RunStore} on the tables {@code run}, {@code run_label} and {@code step_run}, in H2 or PostgreSQL
 * (see {@link Dialect}). A commit merges
 * its runs and step runs with JDBC batches in one transaction, on one writing connection (commits are
 * serialised; reads use the pool and see committed data only). Step rows refer to their run by its
 * integer key, which is cached per run id, as are the labels last written, so that the hot path (a batch
 * of step changes) costs one statement execution per step. Instants are kept to the millisecond.
 *
 * <p>In a store that several processes share ({@link Ownership} given), every run written carries this
 * process as its owner and a lease from the database's clock; a commit renews the lease of each run it
 * touches and fails with {@link RunOwnershipLostException}, writing nothing, if another process has claimed
 * one of them; and it tells the other processes which runs changed. Thread-safe.
 */
final class SqlRunStore implements RunStore {

    private static final String SELECT_STEPS = "SELECT " + prefixed(RunRows.STEP_COLUMNS)
            + " FROM step_run s JOIN run r ON r.pk = s.run_pk WHERE r.id = ?";

    private final Database database;
    private final GroupCommit durability;
    private final Dialect dialect;
    private final RunRows rows;
    /** Integer keys of runs known to be committed; dropped when a run is deleted. */
    private final Map<String, Integer> runKeys = new ConcurrentHashMap<>();
    /** The labels last committed per run id, to rewrite {@code run_label} only when they change. */
    private final Map<String, Map<String, String>> committedLabels = new ConcurrentHashMap<>();

    /*
     * Commits go through one connection that keeps its statements prepared: H2 does not cache the parsing
     * of MERGE, which cost a quarter of a commit when statements were prepared each time.
     */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final PreparedStatement mergeRun;
    private final PreparedStatement mergeStep;
    private final PreparedStatement selectRunKey;
    private final PreparedStatement deleteLabels;
    private final PreparedStatement insertLabel;
    private final @Nullable Ownership ownership;
    /** With an ownership: renews the lease of a run this process owns, by its key. */
    private final @Nullable PreparedStatement renewLease;
    /** With an ownership: tells the other processes that a run changed. */
    private final @Nullable PreparedStatement notifyChanged;
    private final @Nullable RunSharing sharing;

    /** A store written by this process alone. */
    SqlRunStore(Database database, GroupCommit durability, Connection writer, ObjectMapper mapper)
            throws SQLException {
        this(database, durability, writer, mapper, Dialect.H2, null, null);
    }

    /**
     * A store in {@code dialect}; with an {@code ownership} (and the {@code sharing} that goes with it), shared
     * with other processes.
     */
    SqlRunStore(Database database, GroupCommit durability, Connection writer, ObjectMapper mapper, Dialect dialect,
                @Nullable Ownership ownership, @Nullable RunSharing sharing) throws SQLException {
        this.database = database;
        this.durability = durability;
        this.dialect = dialect;
        this.rows = new RunRows(mapper);
        this.writer = writer;
        this.ownership = ownership;
        writer.setAutoCommit(false);
        if (ownership == null) {
            this.mergeRun = writer.prepareStatement(RunRows.upsertRun(dialect));
            this.renewLease = null;
            this.notifyChanged = null;
            this.sharing = null;
        } else {
            this.mergeRun = writer.prepareStatement(dialect.upsertOwned("run", RunRows.RUN_COLUMNS, "id"));
            this.renewLease = writer.prepareStatement("UPDATE run SET lease_until = " + dialect.nowMillis()
                    + " + ? WHERE pk = ? AND owner = ?");
            this.notifyChanged = writer.prepareStatement(dialect.notify(Ownership.CHANGES));
            this.sharing = sharing;
        }
        this.mergeStep = writer.prepareStatement(RunRows.upsertStep(dialect));
        this.selectRunKey = writer.prepareStatement("SELECT pk FROM run WHERE id = ?");
        this.deleteLabels = writer.prepareStatement("DELETE FROM run_label WHERE run_pk = ?");
        this.insertLabel = writer.prepareStatement("INSERT INTO run_label (run_pk, k, v) VALUES (?, ?, ?)");
    }

    @Override
    public long commitNoWait(Changes changes) {
        if (changes.isEmpty()) {
            return durability.position();
        }
        Map<String, Integer> newKeys = new HashMap<>();
        writeLock.lock();
        try {
            long position = database.commitOn(writer, () -> "commit " + changes.runs().size() + " run(s) and "
                    + changes.steps().size() + " step run(s)", connection -> {
                        if (!changes.runs().isEmpty()) {
                            mergeRuns(changes.runs(), newKeys);
                        }
                        if (ownership != null) {
                            holdOwnership(changes, newKeys);
                        }
                        if (!changes.steps().isEmpty()) {
                            mergeSteps(changes.steps(), newKeys);
                        }
                        if (ownership != null) {
                            tellChanged(changes);
                        }
                        return null;
                    }, this::clearBatches).position();
            runKeys.putAll(newKeys);
            for (Run run : changes.runs()) {
                if (run.state().isTerminal()) {
                    // an ended run is rarely written again: keep the caches to the runs going on, so that
                    // memory does not grow with the number of finished runs (a miss only costs a lookup)
                    runKeys.remove(run.id());
                    committedLabels.remove(run.id());
                } else {
                    committedLabels.put(run.id(), run.labels());
                }
            }
            return position;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void awaitDurable(long position) {
        durability.awaitDurable(position);
    }

    /** After a rollback: the prepared statements must not keep the failed transaction's rows. */
    private void clearBatches() {
        try {
            mergeRun.clearBatch();
            mergeStep.clearBatch();
            insertLabel.clearBatch();
        } catch (SQLException e) {
            throw new StoreException("cannot reset the run store's statements: " + e.getMessage(), e);
        }
    }

    private void mergeRuns(List<Run> runs, Map<String, Integer> newKeys) throws SQLException {
        for (Run run : runs) {
            rows.bindRun(mergeRun, run);
            if (ownership != null) {
                mergeRun.setString(RunRows.RUN_COLUMN_COUNT + 1, ownership.owner());
                mergeRun.setLong(RunRows.RUN_COLUMN_COUNT + 2, ownership.term().toMillis());
            }
            mergeRun.addBatch();
        }
        int[] merged = mergeRun.executeBatch();
        for (int i = 0; i < merged.length && ownership != null; i++) {
            if (merged[i] == 0) {
                throw new RunOwnershipLostException(runs.get(i).id());
            }
        }
        for (Run run : runs) {
            if (run.labels().equals(committedLabels.get(run.id()))) {
                continue;
            }
            int pk = runKey(run.id(), newKeys);
            deleteLabels.setInt(1, pk);
            deleteLabels.executeUpdate();
            if (!run.labels().isEmpty()) {
                for (Map.Entry<String, String> label : run.labels().entrySet()) {
                    insertLabel.setInt(1, pk);
                    insertLabel.setString(2, label.getKey());
                    insertLabel.setString(3, label.getValue());
                    insertLabel.addBatch();
                }
                insertLabel.executeBatch();
            }
        }
    }

    /** Renews the lease of each run whose steps change without the run, failing if another process owns it. */
    private void holdOwnership(Changes changes, Map<String, Integer> newKeys) throws SQLException {
        Set<String> written = new HashSet<>();
        changes.runs().forEach(run -> written.add(run.id()));
        Set<String> renewed = new HashSet<>();
        for (StepRun step : changes.steps()) {
            if (!written.contains(step.runId()) && renewed.add(step.runId())) {
                renewLease.setLong(1, ownership.term().toMillis());
                renewLease.setInt(2, runKey(step.runId(), newKeys));
                renewLease.setString(3, ownership.owner());
                if (renewLease.executeUpdate() == 0) {
                    throw new RunOwnershipLostException(step.runId());
                }
            }
        }
    }

    /** Tells the processes sharing the store which runs this commit changed (delivered when it commits). */
    private void tellChanged(Changes changes) throws SQLException {
        Set<String> changed = new LinkedHashSet<>();
        changes.runs().forEach(run -> changed.add(run.id()));
        changes.steps().forEach(step -> changed.add(step.runId()));
        for (String runId : changed) {
            notifyChanged.setString(1, Ownership.changed(runId, ownership.owner()));
            notifyChanged.executeQuery().close();
        }
    }

    private void mergeSteps(List<StepRun> steps, Map<String, Integer> newKeys) throws SQLException {
        for (StepRun step : steps) {
            rows.bindStep(mergeStep, runKey(step.runId(), newKeys), step);
            mergeStep.addBatch();
        }
        mergeStep.executeBatch();
    }

    /** The integer key of run {@code runId}, which must exist (possibly only in this transaction). */
    private int runKey(String runId, Map<String, Integer> newKeys) throws SQLException {
        Integer pk = runKeys.get(runId);
        if (pk == null) {
            pk = newKeys.get(runId);
        }
        if (pk == null) {
            selectRunKey.setString(1, runId);
            try (ResultSet row = selectRunKey.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("step run of unknown run " + runId
                            + ": commit the run before or with its steps");
                }
                pk = row.getInt(1);
            }
            newKeys.put(runId, pk);
        }
        return pk;
    }

    /** Returns the writing connection to the pool; the store must not be used afterwards. */
    void close() {
        writeLock.lock();
        try {
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the run store: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<RunSharing> sharing() {
        return Optional.ofNullable(sharing);
    }

    @Override
    public Optional<Run> findRun(String runId) {
        List<Run> runs = selectRuns("read run " + runId,
                "SELECT " + RunRows.RUN_COLUMNS + " FROM run WHERE id = ?", runId);
        return runs.stream().findFirst();
    }

    @Override
    public List<StepRun> stepRuns(String runId) {
        return selectSteps("read the step runs of " + runId, SELECT_STEPS + " ORDER BY s.ord", runId);
    }

    @Override
    public Optional<StepRun> findStepRun(String runId, String stepId) {
        return selectSteps("read step run " + runId + "/" + stepId, SELECT_STEPS + " AND s.step_id = ?",
                runId, stepId).stream().findFirst();
    }

    @Override
    public List<StepRun> stepRunsAfter(String runId, long afterSeq) {
        return selectSteps("read the step runs of " + runId + " after " + afterSeq,
                SELECT_STEPS + " AND s.seq > ? ORDER BY s.ord", runId, afterSeq);
    }

    @Override
    public RunPage query(RunQuery query) {
        List<Run> runs = database.read("list runs", connection -> {
            RunQuerySql sql = RunQuerySql.plan(query, dialect, connection);
            try (PreparedStatement statement = sql.prepare(connection); ResultSet row = statement.executeQuery()) {
                List<Run> found = new ArrayList<>(query.limit() + 1);
                while (row.next()) {
                    found.add(rows.readRun(row, 1));
                }
                return found;
            }
        });
        if (runs.size() <= query.limit()) {
            return new RunPage(runs, null);
        }
        List<Run> page = runs.subList(0, query.limit());
        Run last = page.get(page.size() - 1);
        return new RunPage(page, new RunQuerySql.Cursor(last.createdAt().toEpochMilli(), last.id()).encode());
    }

    @Override
    public List<Run> runsInStates(Set<RunState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(states.size(), "?"));
        return selectRuns("list runs in states " + states, "SELECT " + RunRows.RUN_COLUMNS
                        + " FROM run WHERE state IN (" + marks + ") ORDER BY created_at DESC, id DESC",
                states.stream().map(RunState::name).toArray());
    }

    @Override
    public List<Run> runsWithRoot(String rootRunId) {
        return selectRuns("list the lineage of " + rootRunId, "SELECT " + RunRows.RUN_COLUMNS
                + " FROM run WHERE root_run_id = ? ORDER BY created_at, id", rootRunId);
    }

    @Override
    public boolean deleteRun(String runId) {
        Database.Committed<Boolean> deleted;
        writeLock.lock();
        try {
            deleted = database.commitOn(writer, () -> "delete run " + runId, connection -> delete(runId),
                    this::clearBatches);
            runKeys.remove(runId);
            committedLabels.remove(runId);
        } finally {
            writeLock.unlock();
        }
        durability.awaitDurable(deleted.position());
        return deleted.result();
    }

    private boolean delete(String runId) throws SQLException {
        Integer pk = runKeys.get(runId);
        if (pk == null) {
            selectRunKey.setString(1, runId);
            try (ResultSet row = selectRunKey.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                pk = row.getInt(1);
            }
        }
        for (String table : new String[] {"step_run", "run_label", "run"}) {
            try (PreparedStatement delete = writer.prepareStatement(
                    "DELETE FROM " + table + ("run".equals(table) ? " WHERE pk = ?" : " WHERE run_pk = ?"))) {
                delete.setInt(1, pk);
                delete.executeUpdate();
            }
        }
        return true;
    }

    private List<Run> selectRuns(String what, String sql, Object... parameters) {
        return database.read(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                try (ResultSet row = statement.executeQuery()) {
                    List<Run> runs = new ArrayList<>();
                    while (row.next()) {
                        runs.add(rows.readRun(row, 1));
                    }
                    return runs;
                }
            }
        });
    }

    private List<StepRun> selectSteps(String what, String sql, String runId, Object... more) {
        return database.read(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, runId);
                for (int i = 0; i < more.length; i++) {
                    statement.setObject(i + 2, more[i]);
                }
                try (ResultSet row = statement.executeQuery()) {
                    List<StepRun> steps = new ArrayList<>();
                    while (row.next()) {
                        steps.add(rows.readStep(row, runId));
                    }
                    return steps;
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static String prefixed(String columns) {
        return "s." + columns.replace(", ", ", s.");
    }
}
