package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link StepContext} over a temporary folder: outputs in {@code out/}, scratch in {@code work/}, log in memory. */
final class TestStepContext implements StepContext {

    private final Path workDir;
    private final Path outputDir;
    private final StringWriter log = new StringWriter();
    private final PrintWriter logWriter = new PrintWriter(log, true);
    private final String stepId;
    private volatile boolean cancelled;

    TestStepContext(Path root) {
        this(root, "step");
    }

    TestStepContext(Path root, String stepId) {
        this.stepId = stepId;
        try {
            this.workDir = Files.createDirectories(root.resolve(safe(stepId)).resolve("work"));
            this.outputDir = Files.createDirectories(root.resolve(safe(stepId)).resolve("out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safe(String stepId) {
        return stepId.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public String runId() {
        return "r-test";
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public Path outputFile(String name) {
        return outputDir.resolve(name);
    }

    @Override
    public PrintWriter log() {
        return logWriter;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    String logText() {
        logWriter.flush();
        return log.toString();
    }
}
