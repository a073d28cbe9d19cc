package dev.reprise.store;

import dev.reprise.engine.RunStore;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.LogChunk;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.reprise.store.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening, locking, closing and reopening a workspace folder. */
class H2StoreTest {

    @TempDir
    Path dir;

    @Test
    void openingCreatesTheWorkspaceFolder() {
        Path workspace = dir.resolve("new/workspace");

        try (H2Store store = H2Store.open(workspace)) {
            assertThat(store.dir()).isEqualTo(workspace.toAbsolutePath());
            assertThat(workspace.resolve("reprise.mv.db")).exists();
            assertThat(workspace.resolve("workspace.lock")).content()
                    .isEqualToIgnoringNewLines(String.valueOf(ProcessHandle.current().pid()));
        }
    }

    @Test
    void openingAndClosingLeaveNoTraceFileBehind() {
        Path workspace = dir.resolve("quiet");
        for (int i = 0; i < 3; i++) {
            try (H2Store store = H2Store.open(workspace)) {
                store.runs().commit(new RunStore.Changes(List.of(SqlRunStoreTest.fullRun().withSeq(i + 1)), List.of()));
            }
        }

        assertThat(workspace.resolve("reprise.trace.db")).as("H2 traces errors to this file").doesNotExist();
    }

    @Test
    void reopeningAWorkspaceKeepsEverything() throws Exception {
        Run run = SqlRunStoreTest.fullRun();
        StepRun step = SqlRunStoreTest.fullStep(run.id());
        ArtifactRef artifact;
        try (H2Store store = H2Store.open(dir)) {
            store.runs().commit(new RunStore.Changes(List.of(run), List.of(step)));
            store.flows().save("bike_trips", "id: bike_trips\n", "a".repeat(64), T0);
            artifact = store.artifacts().put("hello\n".getBytes(StandardCharsets.UTF_8), "h.txt", "text/plain");
            Files.writeString(store.logs().file(run.id(), step.stepId(), 1), "started\n");
        }

        try (H2Store store = H2Store.open(dir)) {
            assertThat(store.runs().findRun(run.id())).contains(run);
            assertThat(store.runs().stepRuns(run.id())).containsExactly(step);
            assertThat(store.flows().latest("bike_trips")).hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(1));
            assertThat(Files.readString(store.artifacts().path(artifact.sha256()))).isEqualTo("hello\n");
            assertThat(store.logs().read(run.id(), step.stepId(), 1, 0, 100, true))
                    .isEqualTo(new LogChunk(0, 8, 8, "started\n", true));
            // the run key cache starts empty after a reopen: steps still land on the right run
            store.runs().commit(new RunStore.Changes(List.of(), List.of(Records.runningStep(run.id(), "more", T0, 50))));
            assertThat(store.runs().stepRuns(run.id())).hasSize(2);
        }
    }

    @Test
    void aWorkspaceOpenInThisProcessCannotBeOpenedAgain() {
        try (H2Store ignored = H2Store.open(dir)) {
            assertThatThrownBy(() -> H2Store.open(dir))
                    .isInstanceOf(WorkspaceLockedException.class)
                    .hasMessageContaining("workspace " + dir)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("close it first");
        }
    }

    @Test
    void closingReleasesTheWorkspaceAndASecondCloseDoesNothing() {
        H2Store store = H2Store.open(dir);
        store.close();
        store.close();

        try (H2Store again = H2Store.open(dir)) {
            assertThat(again.runs().findRun("r")).isEmpty();
        }
    }

    @Test
    void anotherProcessCannotOpenAWorkspaceThatIsOpen() throws Exception {
        try (H2Store store = H2Store.open(dir)) {
            store.runs().commit(new RunStore.Changes(List.of(Records.run("r-1", "f", T0)), List.of()));

            Probe probe = probe("open");

            assertThat(probe.exitCode()).isEqualTo(WorkspaceProbeMain.LOCKED_EXIT);
            assertThat(probe.output()).isEqualTo("LOCKED: workspace " + dir.toAbsolutePath()
                    + " is in use by another Reprise process (pid " + ProcessHandle.current().pid()
                    + "); close it first");
            assertThat(store.runs().findRun("r-1")).isPresent();
        }
        assertThat(probe("open").output()).isEqualTo("OPENED");
    }

    @Test
    void aDatabaseHeldByAnotherProgramIsReportedAsInUse() throws Exception {
        try (H2Store ignored = H2Store.open(dir)) {
            // creates the database and its schema
        }
        Process holder = start("hold-database");
        try (BufferedReader out = holder.inputReader(StandardCharsets.UTF_8)) {
            assertThat(out.readLine()).isEqualTo("HOLDING");

            assertThatThrownBy(() -> H2Store.open(dir))
                    .isInstanceOf(WorkspaceLockedException.class)
                    .hasMessageContaining("workspace " + dir.toAbsolutePath() + " is in use by another process")
                    .hasMessageContaining("close it first");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (H2Store store = H2Store.open(dir)) {
            assertThat(store.runs().findRun("r")).isEmpty();
        }
    }

    @Test
    void theSchemaVersionConstantNamesTheNewestMigration() throws Exception {
        String newest = migrations("migration", "common").keySet().stream()
                .max(Comparator.comparing(ModuleDescriptor.Version::parse)).orElseThrow();
        assertThat(H2Store.SCHEMA_VERSION).isEqualTo(newest);
    }

    @Test
    void postgresqlHasTheSameMigrationsAsH2() throws Exception {
        assertThat(migrations("postgresql", "common")).isEqualTo(migrations("migration", "common"));
    }

    /** Version to description of the migrations in the folders {@code db/NAME}. */
    private static Map<String, String> migrations(String... folders) throws IOException {
        Pattern name = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.*)\\.sql");
        Map<String, String> found = new TreeMap<>();
        for (String folder : folders) {
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/db", folder))) {
                files.map(f -> name.matcher(f.getFileName().toString())).filter(Matcher::matches)
                        .forEach(m -> assertThat(found.put(m.group(1).replace('_', '.'), m.group(2))).isNull());
            }
        }
        return found;
    }

    private record Probe(int exitCode, String output) {
    }

    private Probe probe(String mode) throws Exception {
        Process process = start(mode);
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe ended").isTrue();
        return new Probe(process.exitValue(), output);
    }

    private Process start(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WorkspaceProbeMain.class.getName(), mode, dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
