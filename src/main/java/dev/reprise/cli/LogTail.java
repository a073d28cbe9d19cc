package dev.reprise.cli;

import dev.reprise.run.Attempt;
import dev.reprise.run.LogChunk;
import dev.reprise.run.RunEvent;
import dev.reprise.run.StepRun;
import dev.reprise.workspace.Workspace;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logs of a run's steps as they are written, each line after its step's id — what {@code --follow --logs}
 * prints between the state lines, as Flyte's {@code --follow} streams task logs. Each attempt seen running is
 * read from where it was left whenever the run goes quiet, and read to its end when it ends. Waiting thread only.
 */
final class LogTail {

    private static final int CHUNK = 64 * 1024;
    /** How many reads an ended attempt's log gets before the rest is left to {@code reprise logs}. */
    private static final int MAX_READS_AT_END = 64;

    private record Key(String stepId, int attempt) {
    }

    private static final class Tail {
        long offset;
        final StringBuilder partial = new StringBuilder();
    }

    private final Workspace workspace;
    private final String runId;
    private final PrintWriter out;
    private final Map<Key, Tail> tails = new LinkedHashMap<>();

    LogTail(Workspace workspace, String runId, PrintWriter out) {
        this.workspace = workspace;
        this.runId = runId;
        this.out = out;
    }

    /** Follows the attempt a step event shows; prints the rest of it when it has ended. */
    void seen(RunEvent event) {
        if (!(event instanceof RunEvent.StepChanged(StepRun step, Instant time)) || step.lastAttempt() == null) {
            return;
        }
        Attempt attempt = step.lastAttempt();
        Key key = new Key(step.stepId(), attempt.number());
        Tail tail = tails.computeIfAbsent(key, k -> new Tail());
        if (attempt.endedAt() != null) {
            for (int i = 0; i < MAX_READS_AT_END && !read(key, tail); i++) {
                // read on until the log is complete
            }
            finish(key, tail);
        }
    }

    /** Prints what the attempts being followed wrote since they were last read. */
    void idle() {
        for (Map.Entry<Key, Tail> entry : new ArrayList<>(tails.entrySet())) {
            if (read(entry.getKey(), entry.getValue())) {
                finish(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Prints what is left of every attempt followed (the run has ended). */
    void close() {
        for (Map.Entry<Key, Tail> entry : new ArrayList<>(tails.entrySet())) {
            finish(entry.getKey(), entry.getValue());
        }
    }

    /** Reads and prints the next piece of an attempt's log; true once it is complete. */
    private boolean read(Key key, Tail tail) {
        LogChunk chunk;
        try {
            chunk = workspace.log(runId, key.stepId(), key.attempt(), tail.offset, CHUNK);
        } catch (RuntimeException notYet) {
            return false; // no log written yet
        }
        tail.offset = chunk.nextOffset();
        tail.partial.append(chunk.text());
        int newline;
        while ((newline = tail.partial.indexOf("\n")) >= 0) {
            out.println(prefix(key) + tail.partial.substring(0, newline));
            tail.partial.delete(0, newline + 1);
        }
        out.flush();
        return chunk.complete();
    }

    private void finish(Key key, Tail tail) {
        if (!tail.partial.isEmpty()) {
            out.println(prefix(key) + tail.partial);
            tail.partial.setLength(0);
            out.flush();
        }
        tails.remove(key);
    }

    private static String prefix(Key key) {
        return key.stepId() + (key.attempt() > 1 ? "#" + key.attempt() : "") + " | ";
    }
}
