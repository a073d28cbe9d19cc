package dev.reprise.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.LogChunk;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers that stream: run events (one run, resumable by sequence number; all runs, through the
 * {@link EventJournal}), a log followed as it grows, and artifact bytes. Each stream runs on its request's
 * (virtual) thread; {@link #closeAll} ends them when the server stops. Thread-safe.
 */
final class EventStreams {

    private static final int LOG_CHUNK = 64 * 1024;

    private final Workspace workspace;
    private final EventJournal journal;
    private final ObjectMapper mapper;
    private final Duration heartbeat;
    private final int backlog;
    private final AnswerLog answers;
    private final Set<EventChannel> open = ConcurrentHashMap.newKeySet();
    private final Set<EventChannel> runStreams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EventStreams(Workspace workspace, EventJournal journal, ObjectMapper mapper, Duration heartbeat, int backlog,
                 AnswerLog answers) {
        this.workspace = workspace;
        this.journal = journal;
        this.mapper = mapper;
        this.heartbeat = heartbeat;
        this.backlog = backlog;
        this.answers = answers;
    }

    void run(Request r) throws IOException, InterruptedException {
        String runId = r.runId();
        long after = resumePoint(r, "after");
        EventChannel channel = new EventChannel(backlog);
        // subscribing first answers 404 for an unknown run before the stream starts; the stream ends with the run's
        // end, so that a follower is done once it has it (a client that reconnects after it hears nothing more)
        try (Subscription ignored = workspace.subscribe(runId, after, e -> {
            channel.offer(Long.toString(e.seq()), StreamEvent.RUN_EVENT, e);
            if (e instanceof RunEvent.RunChanged(Run run, Instant time) && run.state().isTerminal()) {
                channel.end();
            }
        })) {
            runStreams.add(channel);
            try {
                pump(r, channel);
            } finally {
                runStreams.remove(channel);
            }
        }
    }

    void all(Request r) throws IOException, InterruptedException {
        EventChannel channel = new EventChannel(backlog);
        Runnable stop = journal.follow(r.header("Last-Event-ID"),
                n -> channel.offer(n.id(), StreamEvent.RUN_EVENT, n.event()),
                () -> channel.offer(null, StreamEvent.GAP, new StreamEvent.StreamGap(
                        "some events were missed while disconnected (the server restarted or kept too few); read the runs again")));
        try {
            pump(r, channel);
        } finally {
            stop.run();
        }
    }

    void log(Request r) throws IOException, InterruptedException {
        String runId = r.runId();
        String stepId = r.stepId();
        int attempt = r.intPath("attempt", 1);
        long offset = resumePoint(r, "offset");
        LogChunk first = workspace.log(runId, stepId, attempt, offset, LOG_CHUNK);
        EventChannel channel = new EventChannel(backlog);
        Thread follower = Thread.ofVirtual().name("reprise-log-" + runId)
                .start(() -> follow(channel, runId, stepId, attempt, first));
        try {
            pump(r, channel);
        } finally {
            follower.interrupt();
        }
    }

    private void follow(EventChannel channel, String runId, String stepId, int attempt, LogChunk first) {
        LogChunk chunk = first;
        try {
            while (!closed) {
                if (!chunk.text().isEmpty() || chunk.complete()) {
                    channel.offer(Long.toString(chunk.nextOffset()), StreamEvent.CHUNK, chunk);
                }
                if (chunk.complete()) {
                    channel.end();
                    return;
                }
                if (chunk.nextOffset() >= chunk.size()) {
                    Thread.sleep(200);
                }
                chunk = workspace.log(runId, stepId, attempt, chunk.nextOffset(), LOG_CHUNK);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            channel.offer(null, StreamEvent.ERROR, ApiError.of(e.getMessage()));
        }
        channel.end();
    }

    void artifact(Request r) throws IOException {
        ArtifactResponder.answer(r, workspace);
    }

    private void pump(Request r, EventChannel channel) throws IOException, InterruptedException {
        open.add(channel);
        try {
            if (closed) {
                throw new ApiException(503, "the server is stopping");
            }
            channel.pump(EventChannel.open(r.context().res()), mapper, heartbeat, answers, r.route());
        } catch (IOException e) {
            // the client went away; it resumes from the last id it saw
        } finally {
            open.remove(channel);
        }
    }

    /** The resume point: {@code Last-Event-ID} (what a reconnecting client sends) or the query parameter. */
    private static long resumePoint(Request r, String parameter) {
        String last = r.header("Last-Event-ID");
        if (last != null && !last.isBlank()) {
            try {
                long value = Long.parseLong(last.trim());
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw ApiException.badRequest("Last-Event-ID must be a whole number of at least 0, was '"
                    + Request.printable(last) + "'");
        }
        Long value = r.longQuery(parameter, 0);
        return value == null ? 0 : value;
    }

    /** How many clients follow a stream now: a run's events, every run's, or a log. */
    int clients() {
        return open.size();
    }

    /** How many clients follow a run now. */
    int runFollowers() {
        return runStreams.size();
    }

    void closeAll() {
        closed = true;
        open.forEach(EventChannel::end);
    }
}
