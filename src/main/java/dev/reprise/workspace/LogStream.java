package dev.reprise.workspace;

import dev.reprise.run.LogChunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An ended attempt's log read from a workspace as a stream of its bytes, a chunk at a time (a server's log
 * arrives piece by piece, never whole). Not thread-safe.
 */
final class LogStream extends InputStream {

    private static final int CHUNK = 1 << 20;

    private final Workspace workspace;
    private final String runId;
    private final String stepId;
    private final int attempt;
    private long offset;
    private boolean ended;
    private byte[] buffer = new byte[0];
    private int position;

    private LogStream(Workspace workspace, String runId, String stepId, int attempt) {
        this.workspace = workspace;
        this.runId = runId;
        this.stepId = stepId;
        this.attempt = attempt;
    }

    /** The log's bytes, or null when the attempt wrote none. */
    static InputStream open(Workspace workspace, String runId, String stepId, int attempt) throws IOException {
        LogStream stream = new LogStream(workspace, runId, stepId, attempt);
        return stream.fill() ? stream : null;
    }

    /** Reads the next non-empty chunk; false at the end of the log. */
    private boolean fill() throws IOException {
        while (position >= buffer.length) {
            if (ended) {
                return false;
            }
            LogChunk chunk;
            try {
                chunk = workspace.log(runId, stepId, attempt, offset, CHUNK);
            } catch (WorkspaceException e) {
                throw new IOException("cannot read the log of " + stepId + " attempt " + attempt + " of run " + runId
                        + ": " + e.getMessage(), e);
            }
            ended = chunk.complete() || chunk.nextOffset() <= offset;
            offset = chunk.nextOffset();
            buffer = chunk.text().getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int from, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, from, n);
        position += n;
        return n;
    }
}
