package dev.reprise.workspace;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Attempt;
import dev.reprise.run.Json;
import dev.reprise.run.StepRun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A run exported as one file, to import into another workspace: a zip holding {@code run.json} (the
 * {@link RunBundle}), the bytes of each artifact the run references that its workspace holds, as
 * {@code artifacts/<sha256>}, and the log of each attempt that wrote one, as
 * {@code logs/<URL-encoded step id>/<attempt>.log}. Artifacts and logs are streamed in and out, never held in
 * memory whole; entries are found by the names the bundle gives, never extracted by their own. What an opened
 * archive inflates is counted as it is read, not taken from the sizes its entries declare: all of it together may
 * be at most {@value #MAX_EXPANSION} times the archive's size (a zip bomb is refused, see
 * {@link #EXPANSION_FLOOR}); the importer bounds each file and the whole import too. Stateless; an
 * {@link Opened} archive is thread-safe.
 */
public final class RunArchive {

    /**
     * How many times its own size an archive may inflate to. Text logs compress 5 to 20 times, the most repetitive
     * ones about 100; deflate cannot go beyond about 1,030, which only a bomb's runs of one byte reach.
     */
    static final int MAX_EXPANSION = 200;
    /** What any archive may inflate to, however small it is (a tiny export of a few short logs compresses well). */
    static final long EXPANSION_FLOOR = 16L << 20;

    static final String BUNDLE = "run.json";
    static final String ARTIFACTS = "artifacts/";
    static final String LOGS = "logs/";

    private static final ObjectMapper JSON = Json.newMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private RunArchive() {
    }

    /**
     * Writes run {@code runId} of {@code workspace} to {@code file} (replaced atomically) and returns the
     * bundle written. Artifacts the workspace does not hold (a debug replay imports only some) are left out.
     */
    public static RunBundle export(Workspace workspace, String runId, Path file) {
        RunDetail detail = workspace.run(runId);
        if (!detail.run().state().isTerminal()) {
            throw new InvalidInputException("run " + runId + " is " + detail.run().state()
                    + "; export it once it has ended");
        }
        var flow = workspace.revision(detail.run().flowId(), detail.run().revision());
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), target.getFileName() + "-", ".tmp");
            List<ArtifactRef> carried = new ArrayList<>();
            RunBundle bundle;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
                Map<String, ArtifactRef> toCarry = new LinkedHashMap<>();
                RunBundle.referenced(detail.run(), detail.steps()).forEach(ref -> toCarry.put(ref.sha256(), ref));
                RunBundle.codeOf(flow).forEach(ref -> toCarry.putIfAbsent(ref.sha256(), ref));
                for (ArtifactRef ref : toCarry.values()) {
                    InputStream in;
                    try {
                        in = workspace.openArtifact(ref.sha256());
                    } catch (NotFoundException e) {
                        continue;
                    }
                    try (in) {
                        zip.putNextEntry(new ZipEntry(ARTIFACTS + ref.sha256()));
                        in.transferTo(zip);
                        zip.closeEntry();
                    }
                    carried.add(ref);
                }
                for (StepRun step : detail.steps()) {
                    for (Attempt attempt : step.attempts()) {
                        if (attempt.hasLog()) {
                            writeLog(workspace, runId, step.stepId(), attempt.number(), zip);
                        }
                    }
                }
                bundle = RunBundle.of(RunBundle.originOf(workspace), flow, detail, carried);
                zip.putNextEntry(new ZipEntry(BUNDLE));
                JSON.writerWithDefaultPrettyPrinter().writeValue(zip, bundle);
                zip.closeEntry();
                zip.finish();
            }
            moveIntoPlace(temp, target);
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a stray temporary file next to the export is harmless
                }
            }
        }
    }

    static String logEntry(String stepId, int attempt) {
        return LOGS + URLEncoder.encode(stepId, StandardCharsets.UTF_8) + "/" + attempt + ".log";
    }

    /** The attempt's log, read from the workspace a chunk at a time; nothing when it has none. */
    private static void writeLog(Workspace workspace, String runId, String stepId, int attempt, ZipOutputStream zip)
            throws IOException {
        try (InputStream log = LogStream.open(workspace, runId, stepId, attempt)) {
            if (log != null) {
                zip.putNextEntry(new ZipEntry(logEntry(stepId, attempt)));
                log.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Opens an exported run; close it when the import is done. */
    public static Opened open(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidInputException(file + " is not an exported run (not a zip file)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            ZipEntry entry = zip.getEntry(BUNDLE);
            if (entry == null) {
                throw new InvalidInputException(file + " is not an exported run (it has no " + BUNDLE + ")");
            }
            long size = Files.size(file);
            long allowed = Math.max(EXPANSION_FLOOR, size * MAX_EXPANSION);
            ByteBudget expansion = new ByteBudget(allowed, limit -> file.getFileName() + " inflates to more than "
                    + limit + " bytes, over " + MAX_EXPANSION + " times its size of " + size + " bytes: it is not an "
                    + "export of a run (a zip bomb?); nothing was imported");
            RunBundle bundle;
            try (InputStream in = ByteBudget.within(zip.getInputStream(entry), expansion)) {
                bundle = JSON.readValue(in, RunBundle.class);
            } catch (JacksonException e) {
                throw new InvalidInputException(file + ": " + BUNDLE + " is not a run bundle: "
                        + e.getOriginalMessage());
            }
            return new Opened(zip, bundle, file, expansion);
        } catch (IOException e) {
            closeQuietly(zip);
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing was read from it
        }
    }

    /** An exported run opened for import: its bundle, and its artifacts as a source. */
    public static final class Opened implements AutoCloseable, ArtifactSource {
        private final ZipFile zip;
        private final RunBundle bundle;
        private final Path file;
        private final ByteBudget expansion;

        private Opened(ZipFile zip, RunBundle bundle, Path file, ByteBudget expansion) {
            this.zip = zip;
            this.bundle = bundle;
            this.file = file;
            this.expansion = expansion;
        }

        public RunBundle bundle() {
            return bundle;
        }

        @Override
        public InputStream open(String sha256) throws IOException {
            ZipEntry entry = zip.getEntry(ARTIFACTS + new ArtifactRef(sha256, null, null, 0).sha256());
            if (entry == null) {
                throw new NotFoundException(file.getFileName() + " does not carry artifact " + sha256);
            }
            return ByteBudget.within(zip.getInputStream(entry), expansion);
        }

        @Override
        public InputStream openLog(String stepId, int attempt) throws IOException {
            ZipEntry entry = zip.getEntry(logEntry(stepId, attempt));
            return entry == null ? null : ByteBudget.within(zip.getInputStream(entry), expansion);
        }

        @Override
        public void close() {
            closeQuietly(zip);
        }
    }
}
