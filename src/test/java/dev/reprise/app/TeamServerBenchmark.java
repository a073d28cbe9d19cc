package dev.reprise.app;

import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.testing.PostgresServer;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.reprise.bench.Flows.chains;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team server on PostgreSQL, measured: the steps/s of the no-op 10,000-step run (100 chains of 100) with one,
 * two and three {@code reprise server} processes on one database, each executing one such run at the same time
 * (steps of all runs over the time from the first start to the last end), with the database's own time per step
 * (its {@code pg_stat_database.active_time}: time spent executing statements); and the time from a server's
 * death (SIGKILL) to the takeover of its run by another, with leases of 2 s and of the default 10 s.
 */
@Tag("bench")
class TeamServerBenchmark {

    private static final int STEPS = 10_000;

    @TempDir
    Path folder;

    @Test
    void teamServerOnPostgresql() throws Exception {
        for (int servers = 1; servers <= 3; servers++) {
            throughput(servers);
        }
        for (Duration lease : List.of(Duration.ofSeconds(2), LocalWorkspaces.Options.DEFAULT_LEASE_TERM)) {
            takeover(lease);
        }
    }

    private void throughput(int count) throws Exception {
        String database = PostgresServer.get().newDatabase();
        try (TeamServers team = new TeamServers(database, folder.resolve("t" + count), Duration.ofSeconds(10))) {
            List<TeamServers.Server> servers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                servers.add(team.start());
            }
            servers.get(0).client().applyFlow(chains("noop_10k", 100, 100, "type: noop"), "noop_10k.yaml");
            servers.get(0).client().applyFlow(chains("warm", 10, 10, "type: noop"), "warm.yaml");
            for (TeamServers.Server server : servers) {
                await(server, server.client().start(StartRequest.of("warm")).id());
            }
            Thread.sleep(1_500); // PostgreSQL publishes its statistics about once a second
            long activeBefore = activeMillis(database);
            List<String> started = new ArrayList<>();
            for (TeamServers.Server server : servers) {
                started.add(server.client().start(StartRequest.of("noop_10k")).id());
            }
            List<Run> ended = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ended.add(await(servers.get(i), started.get(i)));
            }
            Thread.sleep(1_500);
            long active = activeMillis(database) - activeBefore;
            ended.forEach(run -> assertThat(run.state()).isEqualTo(RunState.SUCCEEDED));
            Instant first = ended.stream().map(Run::startedAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = ended.stream().map(Run::endedAt).max(Comparator.naturalOrder()).orElseThrow();
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            System.out.printf("PostgreSQL, %d server(s), one 10,000-step no-op run each: %.0f steps/s in all"
                            + " (%d steps in %.1f s); database time %.3f ms per step%n",
                    count, count * STEPS / seconds, count * STEPS, seconds, (double) active / (count * STEPS));
        }
    }

    private void takeover(Duration lease) throws Exception {
        String database = PostgresServer.get().newDatabase();
        try (TeamServers team = new TeamServers(database, folder.resolve("k" + lease.toSeconds()), lease)) {
            TeamServers.Server doomed = team.start();
            TeamServers.Server survivor = team.start();
            doomed.client().applyFlow("""
                    id: sleepy
                    steps:
                      nap: { type: shell, run: "sleep 120" }
                    """, "sleepy.yaml");
            String runId = doomed.client().start(StartRequest.of("sleepy")).id();
            while (survivor.client().run(runId).steps().isEmpty()) {
                Thread.sleep(20);
            }
            List<ProcessHandle> steps = doomed.process().toHandle().descendants().toList();
            doomed.process().toHandle().destroyForcibly();
            long killed = System.nanoTime();
            steps.forEach(ProcessHandle::destroyForcibly);
            Run taken;
            while (!(taken = survivor.client().run(runId).run()).state().isTerminal()) {
                Thread.sleep(20);
            }
            assertThat(taken.state()).isEqualTo(RunState.INTERRUPTED);
            System.out.printf("PostgreSQL, lease %d s: a killed server's run taken over by another %.1f s after"
                    + " the kill%n", lease.toSeconds(), (System.nanoTime() - killed) / 1e9);
        }
    }

    private static Run await(TeamServers.Server server, String runId) throws InterruptedException {
        Run run;
        while (!(run = server.client().run(runId).run()).state().isTerminal()) {
            Thread.sleep(50);
        }
        return run;
    }

    /** The time PostgreSQL has spent executing statements in {@code database}, in milliseconds. */
    private static long activeMillis(String database) throws SQLException {
        try (Connection connection = PostgresServer.get().connect(database);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT active_time FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            return Math.round(row.getDouble(1));
        }
    }
}
