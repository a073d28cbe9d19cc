package dev.reprise.engine.spi;

import java.io.PrintWriter;
import java.nio.file.Path;

/** What a running {@link StepHandler} may use for one attempt. Used by the handler's thread only. */
public interface StepContext {

    String runId();

    /** The step instance id, e.g. {@code train[1]}. */
    String stepId();

    /** 1 for the first try; continues along a replay lineage. */
    int attempt();

    /** A private, empty folder for this attempt's scratch files. */
    Path workDir();

    /** A path to write the file output {@code name} to; after the step returns it becomes that output. */
    Path outputFile(String name);

    /** The attempt's log. */
    PrintWriter log();

    /** True once the step was cancelled or timed out; long loops should check it and stop. */
    boolean isCancelled();
}
