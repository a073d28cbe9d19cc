package dev.reprise.app;

import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.testing.PostgresServer;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.reprise.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several {@code reprise server} processes on one PostgreSQL database (a real server: see
 * {@link PostgresServer}) and one folder of files: each executes the runs started through it, any answers
 * any client and streams any run's events, a cancel reaches the server executing the run, and a server
 * killed mid-run has its runs taken over by another once its leases run out.
 */
class TeamServerTest {

    private static final String QUICK = """
            id: quick
            steps:
              first: { type: shell, run: "sleep 0.2; echo one" }
              second: { type: shell, needs: [first], run: "sleep 0.2; echo two" }
            """;

    private static final String SLEEPY = """
            id: sleepy
            steps:
              nap: { type: shell, run: "sleep 60" }
            """;

    @TempDir
    Path folder;

    private String database;
    private TeamServers team;

    @BeforeEach
    void startNothingYet() {
        database = PostgresServer.get().newDatabase();
        team = new TeamServers(database, folder, Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        team.close();
    }

    @Test
    void threeServersShareTheRunsOfOneDatabaseAndAnyAnswersForAny() throws Exception {
        List<TeamServers.Server> three = List.of(team.start(), team.start(), team.start());
        three.get(0).client().applyFlow(QUICK, "quick.yaml");

        Map<String, TeamServers.Server> startedOn = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            TeamServers.Server server = three.get(i % 3);
            startedOn.put(server.client().start(StartRequest.of("quick")).id(), server);
        }
        for (Map.Entry<String, TeamServers.Server> started : startedOn.entrySet()) {
            // asked of another server than the one that started it
            TeamServers.Server other = three.get((three.indexOf(started.getValue()) + 1) % 3);
            Run ended = waitFor("run " + started.getKey() + " to end", () -> other.client().run(started.getKey()).run(),
                    run -> run.state().isTerminal());
            assertThat(ended.state()).isEqualTo(RunState.SUCCEEDED);
        }

        Map<String, String> owners = owners();
        assertThat(new HashSet<>(owners.values())).hasSize(3);
        startedOn.forEach((runId, server) -> assertThat(server.owns(owners.get(runId)))
                .as("run %s is executed by the server it was started on: %s", runId, owners.get(runId)).isTrue());
        assertThat(three.get(2).client().runs(RunQuery.all()).runs()).hasSize(6);
    }

    @Test
    void aFollowerOnOneServerGetsInOrderTheEventsOfARunExecutedByAnother() throws Exception {
        TeamServers.Server executing = team.start();
        TeamServers.Server following = team.start();
        executing.client().applyFlow(QUICK, "quick.yaml");
        Run run = executing.client().start(StartRequest.of("quick"));

        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Run> ended = new CompletableFuture<>();
        try (Subscription ignored = following.client().subscribe(run.id(), 0, event -> {
            events.add(event);
            if (event instanceof RunEvent.RunChanged changed && changed.run().state().isTerminal()) {
                ended.complete(changed.run());
            }
        })) {
            assertThat(ended.get(60, TimeUnit.SECONDS).state()).isEqualTo(RunState.SUCCEEDED);
        }
        List<Long> seqs = events.stream().map(RunEvent::seq).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(events).filteredOn(e -> e instanceof RunEvent.StepChanged changed
                        && changed.step().state() == StepState.SUCCEEDED)
                .extracting(e -> ((RunEvent.StepChanged) e).step().stepId()).containsExactly("first", "second");
    }

    @Test
    void aCancelAskedOfOneServerStopsTheRunWhereItIsExecuted() throws Exception {
        TeamServers.Server executing = team.start();
        TeamServers.Server asked = team.start();
        executing.client().applyFlow(SLEEPY, "sleepy.yaml");
        Run run = executing.client().start(StartRequest.of("sleepy"));
        waitFor("the nap to start", () -> asked.client().run(run.id()), detail -> stepIs(detail, StepState.RUNNING));

        asked.client().cancel(run.id());

        Run ended = waitFor("the run to end", () -> asked.client().run(run.id()).run(), r -> r.state().isTerminal());
        assertThat(ended.state()).isEqualTo(RunState.CANCELLED);
    }

    @Test
    void aServerKilledMidRunHasItsRunsTakenOverByAnotherWithinItsLease() throws Exception {
        TeamServers.Server doomed = team.start();
        TeamServers.Server survivor = team.start();
        doomed.client().applyFlow(SLEEPY, "sleepy.yaml");
        Run run = doomed.client().start(StartRequest.of("sleepy"));
        waitFor("the nap to start", () -> survivor.client().run(run.id()), detail -> stepIs(detail, StepState.RUNNING));
        CompletableFuture<Run> heard = new CompletableFuture<>();
        Subscription following = survivor.client().subscribe(run.id(), 0, event -> {
            if (event instanceof RunEvent.RunChanged changed && changed.run().state().isTerminal()) {
                heard.complete(changed.run());
            }
        });

        List<ProcessHandle> steps = doomed.process().toHandle().descendants().toList();
        doomed.process().toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye
        long killedAt = System.nanoTime();
        doomed.process().waitFor(10, TimeUnit.SECONDS);
        steps.forEach(ProcessHandle::destroyForcibly); // the dead server's step, left running, is ended here

        RunDetail taken = waitFor("the run to be taken over", () -> survivor.client().run(run.id()),
                detail -> detail.run().state().isTerminal());
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(taken.run().state()).isEqualTo(RunState.INTERRUPTED);
        StepRun nap = taken.steps().get(0);
        assertThat(nap.state()).isEqualTo(StepState.INTERRUPTED);
        assertThat(nap.lastAttempt().state()).isEqualTo(AttemptState.INTERRUPTED);
        // a lease of 2 s, claimed at most a second after it runs out: well within 10 s even on a busy machine
        assertThat(takeover).isLessThan(Duration.ofSeconds(10));
        assertThat(heard.get(10, TimeUnit.SECONDS).state()).isEqualTo(RunState.INTERRUPTED);
        following.close();
        assertThat(survivor.owns(owners().get(run.id()))).as("the survivor owns the run now").isTrue();
    }

    // ---- helpers

    private static boolean stepIs(RunDetail detail, StepState state) {
        return !detail.steps().isEmpty() && detail.steps().get(0).state() == state;
    }

    /** Run id to owner, read from the database. */
    private Map<String, String> owners() throws SQLException {
        Map<String, String> owners = new HashMap<>();
        try (Connection connection = PostgresServer.get().connect(database);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT id, owner FROM run")) {
            while (row.next()) {
                owners.put(row.getString(1), row.getString(2));
            }
        }
        return owners;
    }
}
