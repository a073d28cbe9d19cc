package dev.reprise.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server-sent-events answer. Producers (engine threads, which must not block) {@link #offer} frames;
 * the request's own thread {@link #pump}s them to the client in batches, one flush per batch, and writes a
 * comment line when idle so that a dead connection is noticed. A client that falls more than
 * {@code limit} frames behind is cut off after the frames already queued: it reconnects and resumes from
 * the last id it saw, so a slow reader never holds memory without bound. Thread-safe.
 */
final class EventChannel {

    /** One event: {@code id} lets the client resume; {@code data} is written as JSON. */
    record Frame(String id, StreamEvent event, Object data) {
    }

    private static final Frame END = new Frame(null, null, null);

    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int limit;
    private volatile boolean overflowed;

    EventChannel(int limit) {
        this.limit = limit;
    }

    void offer(String id, StreamEvent event, Object data) {
        if (overflowed) {
            return;
        }
        if (queued.incrementAndGet() > limit) {
            overflowed = true;
            queue.offer(END);
            return;
        }
        queue.offer(new Frame(id, event, data));
    }

    /** Ends the stream once what is queued has been written. */
    void end() {
        queue.offer(END);
    }

    /** Sends the stream's headers now, so that the client knows it is subscribed. */
    static OutputStream open(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        out.write(": connected\nretry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        return out;
    }

    /**
     * Writes frames until {@link #end}, an overflow, or the client going away (an {@link IOException}); tells
     * {@code answers} each event's data as written, as events of operation {@code route}.
     */
    void pump(OutputStream out, ObjectMapper mapper, Duration heartbeat, AnswerLog answers, String route)
            throws IOException, InterruptedException {
        byte[] keepAlive = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
        List<Frame> batch = new ArrayList<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
        while (true) {
            Frame first = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                out.write(keepAlive);
                out.flush();
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, 4095);
            boolean ended = false;
            for (Frame frame : batch) {
                if (frame == END) {
                    ended = true;
                    break;
                }
                queued.decrementAndGet();
                if (frame.id() != null) {
                    buffer.write(("id: " + frame.id() + "\n").getBytes(StandardCharsets.UTF_8));
                }
                buffer.write(("event: " + frame.event().wireName() + "\ndata: ").getBytes(StandardCharsets.UTF_8));
                if (answers == AnswerLog.NONE) {
                    mapper.writeValue(buffer, frame.data());
                } else {
                    byte[] json = mapper.writeValueAsBytes(frame.data());
                    answers.streamed(route, frame.event().wireName(), json);
                    buffer.write(json);
                }
                buffer.write('\n');
                buffer.write('\n');
            }
            batch.clear();
            buffer.writeTo(out);
            buffer.reset();
            out.flush();
            if (ended) {
                return;
            }
        }
    }
}
