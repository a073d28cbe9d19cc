package dev.reprise.store;

import dev.reprise.engine.RunStore;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.reprise.store.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace written by an earlier H2 opens with the H2 the app ships now, with its runs, flows and logs, and
 * takes new runs; the migration history an earlier Flyway wrote into it is read and checked by the Flyway the app
 * ships now, as it will be when a new migration comes. The fixture {@code workspace-h2-2.3.232} was written by the
 * app on H2 2.3.232 and Flyway 11.8:
 * {@code reprise run -i shards=3 --label made-by=h2-2.3.232 assets/examples/shards/flow.yaml}. A new H2 that
 * could not read it would need an export and import step before it could ship.
 */
class OlderH2WorkspaceTest {

    private static final String RUN_ID = "r-01m8yhq1w210z0h8";

    @TempDir
    Path dir;

    @Test
    void aWorkspaceWrittenWithH2Version2_3OpensWithItsRunsFlowsAndLogs() {
        Path workspace = copyOfFixture("workspace-h2-2.3.232");

        try (H2Store store = H2Store.open(workspace)) {
            Run run = store.runs().findRun(RUN_ID).orElseThrow();
            assertThat(run.flowId()).isEqualTo("shards");
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.labels()).isEqualTo(Map.of("made-by", "h2-2.3.232"));
            assertThat(run.outputs().get("records").asInt()).isEqualTo(147);
            assertThat(store.runs().stepRuns(RUN_ID)).extracting(StepRun::stepId)
                    .containsExactlyInAnyOrder("plan", "scan[0]", "scan[1]", "scan[2]", "total");
            assertThat(store.flows().latest("shards")).hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(1));
            assertThat(store.logs().read(RUN_ID, "total", 1, 0, 100, true).text()).isEqualTo("sum of 3 values: 147\n");
        }
    }

    @Test
    void aWorkspaceWrittenWithH2Version2_3TakesNewRunsAndKeepsThemAfterAReopen() {
        Path workspace = copyOfFixture("workspace-h2-2.3.232");

        try (H2Store store = H2Store.open(workspace)) {
            store.runs().commit(new RunStore.Changes(List.of(Records.run("r-new", "shards", T0)), List.of()));
        }

        try (H2Store store = H2Store.open(workspace)) {
            assertThat(store.runs().findRun("r-new")).isPresent();
            assertThat(store.runs().findRun(RUN_ID)).hasValueSatisfying(run ->
                    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED));
        }
    }

    @Test
    void theMigrationHistoryAnEarlierFlywayWroteTakesTheNewMigrationsAndValidates() throws Exception {
        Path workspace = copyOfFixture("workspace-h2-2.3.232");

        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + workspace.resolve("reprise"), "sa", "");
        try {
            Flyway flyway = Flyway.configure().dataSource(pool).locations(Dialect.H2.migrations()).load();
            // the fixture was written at schema 4; it lacks V5 (the files of flow folders), V6 (run triggers) and V7
            // (the labels, env and run name of snapshots)
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(3);
            flyway.validate();
            assertThat(flyway.info().applied()).extracting(info -> info.getVersion().getVersion())
                    .containsExactly("1", "2", "3", "4", "5", "6", H2Store.SCHEMA_VERSION);
            assertThat(flyway.migrate().migrationsExecuted).isZero();
        } finally {
            pool.dispose();
        }
    }

    /** Opening a workspace rewrites its database, so each test opens a copy, never the fixture itself. */
    private Path copyOfFixture(String name) {
        Path target = dir.resolve(name);
        try {
            Path source = Path.of(OlderH2WorkspaceTest.class.getResource(name).toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return target;
    }
}
