package dev.reprise.server;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;

/**
 * The figures a {@link WorkspaceServer} answers at {@code GET /metrics}, in the Prometheus text format (0.0.4):
 * runs that have not ended by state, runs and step instances that ended since the start (counters, from
 * {@link RunCounts}), HTTP requests by method, route template and status with their durations, and the clients of
 * the event streams. Each server has its own registry, so that two servers in one process (tests, the desktop app
 * hosting one) do not add up. Thread-safe.
 */
final class ServerMetrics {

    /** {@code text/plain; version=0.0.4; charset=utf-8}. */
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** The route of a request that matched no operation: one series for all of them, whatever their paths. */
    static final String UNMATCHED = "unmatched";

    // from a quick answer to a long upload or a log read in pieces
    private static final double[] DURATION_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram durations;

    ServerMetrics(RunCounts runs, IntSupplier streamClients) {
        GaugeWithCallback.builder().name("reprise_runs")
                .help("Runs that have not ended, by state (QUEUED, RUNNING)")
                .labelNames("state")
                .callback(callback -> runs.notEnded().forEach((state, n) -> callback.call(n, state.name())))
                .register(registry);
        GaugeWithCallback.builder().name("reprise_runs_active")
                .help("Runs queued or running")
                .callback(callback -> callback.call(runs.notEnded().values().stream().mapToLong(Long::longValue).sum()))
                .register(registry);
        CounterWithCallback.builder().name("reprise_runs_finished")
                .help("Runs that reached a terminal state since the server started, by that state")
                .labelNames("state")
                .callback(callback -> runs.runsFinished().forEach((state, n) -> callback.call(n, state.name())))
                .register(registry);
        CounterWithCallback.builder().name("reprise_steps_finished")
                .help("Step instances that reached a terminal state since the server started, by that state")
                .labelNames("state")
                .callback(callback -> runs.stepsFinished().forEach((state, n) -> callback.call(n, state.name())))
                .register(registry);
        GaugeWithCallback.builder().name("reprise_event_stream_clients")
                .help("Clients following an event stream (run events, all events, a log) now")
                .callback(callback -> callback.call(streamClients.getAsInt()))
                .register(registry);
        requests = Counter.builder().name("reprise_http_requests")
                .help("HTTP requests answered, by method, route template and status")
                .labelNames("method", "route", "status")
                .register(registry);
        durations = Histogram.builder().name("reprise_http_request_duration_seconds")
                .help("How long HTTP requests took to answer, by method and route template (an event stream: "
                        + "as long as it was followed)")
                .labelNames("method", "route")
                .classicOnly()
                .classicUpperBounds(DURATION_BOUNDS)
                .register(registry);
    }

    /** Counts a request answered: {@code route} is its template ({@code /api/v1/runs/{runId}}), never its path. */
    void answered(String method, String route, int status, long nanos) {
        requests.labelValues(method, route, Integer.toString(status)).inc();
        durations.labelValues(method, route).observe(nanos / 1e9);
    }

    /** Every metric now, in the text format of {@link #CONTENT_TYPE}. */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
