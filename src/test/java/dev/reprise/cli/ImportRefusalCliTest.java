package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reprise import} of archives that are not what an export writes — ids of any shape, a zip bomb — is
 * refused with exit 2 and leaves the workspace as it was; an export carries no path of the exporting machine.
 */
class ImportRefusalCliTest {

    @TempDir
    Path folder;

    private Path mine;
    private Path theirs;
    private Path exported;
    private String runId;

    /** A run with a log and a file output (an artifact), exported. */
    private Result cli(Path workspace, String... args) {
        return LocalCli.run(workspace, args);
    }

    @BeforeEach
    void exportARun() throws Exception {
        mine = folder.resolve("mine");
        theirs = folder.resolve("theirs");
        Path flow = Files.writeString(folder.resolve("write.yaml"), """
                id: write
                steps:
                  make:
                    type: shell
                    run: |
                      echo "making a file"
                      echo "some bytes" > "$REPRISE_OUTPUT_DIR/data.txt"
                """);
        Result ran = cli(mine, "run", flow.toString(), "--json");
        assertThat(ran.code()).as(ran.err()).isZero();
        runId = new ObjectMapper().readTree(ran.out()).at("/run/id").asText();
        exported = folder.resolve("write.zip");
        assertThat(cli(mine, "export", runId, "--out", exported.toString()).code()).isZero();
        assertThat(cli(theirs, "runs", "list").code()).isZero(); // the workspace exists, empty
    }

    /** The archive with its run.json changed by {@code edit} and entries replaced or added. */
    private Path tampered(String name, UnaryOperator<ObjectNode> edit, Map<String, byte[]> entries) throws IOException {
        Path out = folder.resolve(name);
        Map<String, byte[]> all = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(exported.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    all.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        all.put("run.json", json.writeValueAsBytes(edit.apply((ObjectNode) json.readTree(all.get("run.json")))));
        all.putAll(entries);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> entry : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    private String logEntry() throws IOException {
        try (ZipFile zip = new ZipFile(exported.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("logs/")).findFirst().orElseThrow();
        }
    }

    /** Nothing of the run in {@code theirs}: no run, no flow, no artifact file, no log file. */
    private void assertNothingImported() throws IOException {
        assertThat(cli(theirs, "runs", "list", "--json").out()).contains("\"runs\" : [ ]");
        assertThat(cli(theirs, "flows", "list", "--json").out().trim()).isEqualTo("[ ]");
        assertThat(filesUnder(theirs.resolve("artifacts"))).isEmpty();
        assertThat(filesUnder(theirs.resolve("logs"))).isEmpty();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aRunIdThatIsAPathIsRefusedAndNothingIsWritten() throws Exception {
        Path bad = tampered("run-id.zip", run -> {
            ((ObjectNode) run.get("run")).put("id", "../../x");
            run.withArray("steps").forEach(step -> ((ObjectNode) step).put("runId", "../../x"));
            return run;
        }, Map.of());

        Result imported = cli(theirs, "import", bad.toString());

        assertThat(imported.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(imported.err()).contains("run id '../../x' must start with").contains("nothing was imported");
        assertNothingImported();
        assertThat(folder.resolve("x")).doesNotExist();
    }

    @Test
    void badStepIdsAndAttemptNumbersAreRefusedAndNothingIsWritten() throws Exception {
        Path bad = tampered("step-id.zip", run -> {
            ObjectNode step = (ObjectNode) run.withArray("steps").get(0);
            step.put("stepId", "../evil");
            ((ObjectNode) run.withArray("steps").get(0).withArray("attempts").get(0)).put("number", -1);
            return run;
        }, Map.of());
        Path badAttempt = tampered("attempt.zip", run -> {
            ((ObjectNode) run.withArray("steps").get(0).withArray("attempts").get(0)).put("number", 0);
            return run;
        }, Map.of());
        Path longFlowId = tampered("flow-id.zip", run -> {
            String id = "f".repeat(300);
            ((ObjectNode) run.get("run")).put("flowId", id);
            ((ObjectNode) run.get("flow")).put("flowId", id);
            return run;
        }, Map.of());

        Result step = cli(theirs, "import", bad.toString());
        Result attempt = cli(theirs, "import", badAttempt.toString());
        Result flow = cli(theirs, "import", longFlowId.toString());

        assertThat(step.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(step.err()).contains("step id '../evil'");
        assertThat(attempt.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(attempt.err()).contains("step make has attempt number 0");
        assertThat(flow.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(flow.err()).contains("300 characters long");
        assertNothingImported();
    }

    @Test
    void aZipBombIsRefusedWhileInflatingAndNothingIsWritten() throws Exception {
        byte[] zeros = new byte[64 * 1024 * 1024];
        Path bomb = tampered("bomb.zip", run -> run, Map.of(logEntry(), zeros));
        assertThat(Files.size(bomb)).isLessThan(1024 * 1024);

        Result imported = cli(theirs, "import", bomb.toString());

        assertThat(imported.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(imported.err()).contains("bomb.zip inflates to more than").contains("a zip bomb?")
                .contains("nothing was imported");
        assertNothingImported();
    }

    @Test
    void anExportCarriesNoPathOfTheExportingMachine() throws Exception {
        String paths = mine.toAbsolutePath().toString();
        try (ZipFile zip = new ZipFile(exported.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(text).as(entry.getName()).doesNotContain(paths).doesNotContain(folder.toString());
                }
            }
        }
        Result imported = cli(theirs, "import", exported.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("from workspace:mine");
    }
}
