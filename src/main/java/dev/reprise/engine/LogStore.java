package dev.reprise.engine;

import dev.reprise.run.LogChunk;

import java.nio.file.Path;

/** One log file per attempt, written by the step while it runs and read in chunks. Thread-safe. */
public interface LogStore {

    /** Where attempt {@code attempt} of {@code stepId} writes its log; parent folders exist, the file may not. */
    Path file(String runId, String stepId, int attempt);

    /**
     * Up to {@code maxBytes} of the log from byte {@code offset}, cut at a character boundary; an empty
     * chunk if the attempt wrote nothing. {@code ended} tells whether the attempt is over (for
     * {@link LogChunk#complete()}).
     */
    LogChunk read(String runId, String stepId, int attempt, long offset, int maxBytes, boolean ended);

    /** Deletes every log of run {@code runId}; nothing happens if it has none. */
    void deleteRun(String runId);
}
