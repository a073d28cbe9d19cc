package dev.reprise.bench;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunQuery;
import dev.reprise.server.TokenStore;
import dev.reprise.server.WorkspaceServer;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server figures, printed (run with {@code mvn -Pbench test -Dtest=ServerBenchmark}): with 8 concurrent
 * remote clients against a loopback server, requests/s and latency percentiles of the run query (a page of
 * 50 runs) and of fetching a 1,000-step run; and for a 10,000-step run of no-op steps, the rate at which
 * its events reach a remote subscriber compared with a subscriber inside the server's process.
 */
@Tag("bench")
class ServerBenchmark {

    private static final int CLIENTS = 8;

    @TempDir
    Path folder;

    @Test
    void server() throws Exception {
        Path ws = folder.resolve("ws");
        System.out.printf("%nServer benchmark on %d cores, Java %s, %d clients on loopback%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), CLIENTS);
        try (LocalWorkspace local = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults())) {
            TokenStore tokens = new TokenStore(ws, Clock.systemUTC());
            String token = tokens.create("bench").token();
            try (WorkspaceServer server = WorkspaceServer.start(local, tokens,
                    WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0))) {
                URI url = URI.create("http://127.0.0.1:" + server.port());
                local.applyFlow(Flows.chains("wide_1k", 10, 100, "type: noop"), "wide_1k.yaml");
                local.applyFlow(Flows.chains("noop_10k", 100, 100, "type: noop"), "noop_10k.yaml");
                local.applyFlow("id: tiny\nsteps:\n  a: { type: noop }\n", "tiny.yaml");
                for (int i = 0; i < 200; i++) {
                    local.await(local.start(StartRequest.of("tiny")).id());
                }
                String bigRun = local.start(StartRequest.of("wide_1k")).id();
                local.await(bigRun);

                List<RemoteWorkspace> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(RemoteWorkspace.connect(url, token, RemoteWorkspace.Options.defaults()));
                }
                try {
                    measure("run query (page of 50 runs)", clients, w -> w.runs(RunQuery.all()));
                    measure("run fetch (1,000-step run)", clients, w -> w.run(bigRun));
                    measureLocal("run fetch (1,000-step run), in process", local, w -> w.run(bigRun));
                    events(local, clients.get(0));
                } finally {
                    clients.forEach(RemoteWorkspace::close);
                }
            }
        }
    }

    private static void measure(String name, List<RemoteWorkspace> clients, Consumer<Workspace> call) throws Exception {
        // warm up: connections, JIT, H2 caches
        run(clients, call, 2_000);
        long[][] latencies = run(clients, call, 8_000);
        report(name + ", " + clients.size() + " clients", latencies, 8_000);
    }

    private static void measureLocal(String name, Workspace local, Consumer<Workspace> call) throws Exception {
        List<Workspace> same = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            same.add(local);
        }
        run(same, call, 2_000);
        report(name + ", " + CLIENTS + " threads", run(same, call, 5_000), 5_000);
    }

    private static long[][] run(List<? extends Workspace> clients, Consumer<Workspace> call, long millis) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients.size());
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            List<Future<long[]>> results = new ArrayList<>();
            for (Workspace client : clients) {
                results.add(threads.submit(() -> {
                    long[] samples = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        call.accept(client);
                        long took = System.nanoTime() - t;
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = took;
                    }
                    return Arrays.copyOf(samples, n);
                }));
            }
            long[][] all = new long[results.size()][];
            for (int i = 0; i < all.length; i++) {
                all[i] = results.get(i).get();
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void report(String name, long[][] perClient, long millis) {
        long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-52s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   max %6.1f ms   (%d requests)%n", name,
                all.length / (millis / 1000.0), all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6, all.length);
    }

    /** One 10,000-step run watched from inside the server's process and through the server at the same time. */
    private static void events(LocalWorkspace local, RemoteWorkspace remote) throws Exception {
        for (int round = 0; round < 2; round++) {
            Watch inside = new Watch();
            Watch outside = new Watch();
            long start = System.nanoTime();
            try (Subscription a = local.subscribeAll(inside::accept); Subscription b = remote.subscribeAll(outside::accept)) {
                Run run = local.start(StartRequest.of("noop_10k"));
                inside.runId = run.id();
                outside.runId = run.id();
                assertThat(inside.done.await(5, TimeUnit.MINUTES)).isTrue();
                assertThat(outside.done.await(5, TimeUnit.MINUTES)).isTrue();
            }
            double engineSeconds = (inside.endedAt - start) / 1e9;
            double remoteSeconds = (outside.endedAt - start) / 1e9;
            System.out.printf("10,000-step run%s: %,d events in process in %.2f s (%,.0f events/s); %,d events remote in %.2f s"
                            + " (%,.0f events/s); the last remote event %.0f ms after the last in-process one%n",
                    round == 0 ? " (cold)" : " (warm)", inside.count.get(), engineSeconds, inside.count.get() / engineSeconds,
                    outside.count.get(), remoteSeconds, outside.count.get() / remoteSeconds,
                    (outside.endedAt - inside.endedAt) / 1e6);
            assertThat(outside.count.get()).isEqualTo(inside.count.get());
        }
    }

    private static final class Watch {
        volatile String runId;
        final AtomicLong count = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        volatile long endedAt;

        void accept(RunEvent event) {
            if (!event.runId().equals(runId)) {
                return;
            }
            count.incrementAndGet();
            if (event instanceof RunEvent.RunChanged(var run, var at) && run.state().isTerminal()) {
                endedAt = System.nanoTime();
                done.countDown();
            }
        }
    }
}
