package dev.reprise.client;

import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.WorkspaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A server-sent-events stream that stays connected: when the connection drops (server restarted, network
 * gone, nothing heard for too long) it reconnects with growing pauses and sends {@code Last-Event-ID}, as
 * its owner says, so the server resumes where the owner left off. The first connection is made before
 * {@link #open} returns, so an unknown run or a refused token fails at once. Events reach the handler one
 * at a time, in order, on an HTTP client thread. Thread-safe.
 */
final class EventStream implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    /** Receives each event; returns normally, and fast. */
    interface Handler {
        void onEvent(String id, String event, String data);
    }

    private final HttpClient client;
    private final HttpApi api;
    private final String path;
    private final Handler handler;
    private final ScheduledExecutorService scheduler;
    private final Duration staleAfter;
    private final Duration connectTimeout;
    private final Supplier<String> resumeId;
    private volatile boolean closed;
    private int generation;
    private Lines current;
    private ScheduledFuture<?> watchdog;
    private Duration pause = FIRST_PAUSE;

    private EventStream(HttpClient client, HttpApi api, String path, Supplier<String> resumeId,
                        Handler handler, ScheduledExecutorService scheduler, Duration staleAfter, Duration connectTimeout) {
        this.client = client;
        this.api = api;
        this.path = path;
        this.resumeId = resumeId;
        this.handler = handler;
        this.scheduler = scheduler;
        this.staleAfter = staleAfter;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Opens a stream of {@code path}; {@code resumeId} answers, at each reconnection, the
     * {@code Last-Event-ID} to send (null: none).
     */
    static EventStream open(HttpClient client, HttpApi api, String path, Supplier<String> resumeId,
                            Handler handler, ScheduledExecutorService scheduler, Duration staleAfter,
                            Duration connectTimeout) {
        EventStream stream = new EventStream(client, api, path, resumeId, handler, scheduler, staleAfter, connectTimeout);
        stream.connect(true);
        stream.watchdog = scheduler.scheduleWithFixedDelay(stream::checkAlive, staleAfter.toMillis() / 2,
                staleAfter.toMillis() / 2, TimeUnit.MILLISECONDS);
        return stream;
    }

    /** Connects; the first time, waits for the answer and throws what went wrong. */
    private void connect(boolean first) {
        Lines lines;
        synchronized (this) {
            if (closed) {
                return;
            }
            lines = new Lines(++generation);
            current = lines;
        }
        HttpRequest.Builder request = api.streamRequest(path);
        String lastId = resumeId.get();
        if (lastId != null) {
            request.header("Last-Event-ID", lastId);
        }
        CompletableFuture<Void> opened = new CompletableFuture<>();
        HttpResponse.BodyHandler<Void> bodyHandler = info -> {
            if (info.statusCode() == 200) {
                opened.complete(null);
                return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> {
                opened.completeExceptionally(api.error(info.statusCode(), bytes));
                return null;
            });
        };
        client.sendAsync(request.build(), bodyHandler).whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                opened.completeExceptionally(cause instanceof IOException io ? api.unreachable(io) : cause);
            }
            ended(lines);
        });
        if (first) {
            try {
                opened.get(connectTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                close();
                throw e.getCause() instanceof WorkspaceException w ? w
                        : new WorkspaceException("cannot open the event stream " + path + ": " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                close();
                throw new WorkspaceException("the Reprise server at " + api.server() + " did not open the event stream in time");
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new WorkspaceException("interrupted while subscribing to " + api.server(), e);
            }
        } else {
            opened.whenComplete((ok, failure) -> {
                if (failure == null) {
                    synchronized (this) {
                        pause = FIRST_PAUSE;
                    }
                } else if (failure instanceof NotFoundException || String.valueOf(failure.getMessage()).contains("(401)")) {
                    LOG.warn("event stream {} stopped: {}", path, failure.getMessage());
                    close();
                }
            });
        }
    }

    /** A connection ended: reconnect after a pause unless closed (or replaced already). */
    private void ended(Lines lines) {
        Duration wait;
        synchronized (this) {
            if (closed || lines != current) {
                return;
            }
            current = null;
            wait = pause;
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        LOG.debug("event stream {} dropped; reconnecting after {}", path, wait);
        try {
            scheduler.schedule(() -> connect(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the workspace is closing
        }
    }

    private void checkAlive() {
        Lines lines;
        synchronized (this) {
            lines = current;
        }
        if (lines != null && System.nanoTime() - lines.lastHeard > staleAfter.toNanos()) {
            LOG.debug("event stream {} silent for {}; reconnecting", path, staleAfter);
            lines.cancel();
            ended(lines);
        }
    }

    @Override
    public void close() {
        Lines lines;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            lines = current;
            current = null;
        }
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (lines != null) {
            lines.cancel();
        }
    }

    /** Parses one connection's lines into events ({@code id:}, {@code event:}, {@code data:}, blank line). */
    private final class Lines implements Flow.Subscriber<String> {
        private final int number;
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        volatile long lastHeard = System.nanoTime();
        private String id;
        private String event;
        private StringBuilder data = new StringBuilder();

        Lines(int number) {
            this.number = number;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            lastHeard = System.nanoTime();
            if (cancelled || closed) {
                return;
            }
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    dispatch();
                }
                id = null;
                event = null;
                data = new StringBuilder();
                return;
            }
            if (line.startsWith(":")) {
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(" ", colon + 1) ? 2 : 1));
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                default -> {
                    // retry and unknown fields: not needed here
                }
            }
        }

        /** Under the stream's lock, so that an old connection never delivers beside its replacement. */
        private void dispatch() {
            synchronized (EventStream.this) {
                if (closed || current != this || generation != number) {
                    return;
                }
                try {
                    handler.onEvent(id, event == null ? "message" : event, data.toString());
                } catch (RuntimeException e) {
                    LOG.warn("event listener of {} failed", path, e);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the connection ended; sendAsync's completion reconnects
        }

        @Override
        public void onComplete() {
            // as onError
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
