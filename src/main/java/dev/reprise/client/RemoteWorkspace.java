package dev.reprise.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.BulkReplay;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.Json;
import dev.reprise.run.Lineage;
import dev.reprise.run.LocalFile;
import dev.reprise.run.LogChunk;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ResumeRule;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.Snapshot;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.FlowSummary;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.NotFoundException;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.SnapshotRequest;
import dev.reprise.workspace.SnapshotRun;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The {@link Workspace} contract over HTTP to a {@code reprise server}: JSON calls with the JDK
 * {@link HttpClient}, the same records as the wire format, the server's errors turned back into the same
 * exceptions a local workspace throws, and live events over server-sent events that reconnect by
 * themselves and resume after the last event delivered (no gaps, no duplicates). Owns its HTTP client and
 * one scheduler thread; {@link #close} ends every subscription. Thread-safe.
 */
public final class RemoteWorkspace implements Workspace {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWorkspace.class);

    /**
     * Timeouts: to connect, for one call to answer, and how long a silent event stream is trusted; and the CA
     * certificate (PEM) that an HTTPS server's certificate must be vouched for by, instead of the JVM's authorities
     * (null: the JVM's).
     */
    public record Options(Duration connectTimeout, Duration requestTimeout, Duration staleStreamAfter,
                          @Nullable Path caCertificate) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(35), null);
        }

        /** Trusts the certificates of the PEM file {@code file} (null: the JVM's authorities). */
        public Options withCaCertificate(@Nullable Path file) {
            return new Options(connectTimeout, requestTimeout, staleStreamAfter, file);
        }
    }

    /** The body of apply and validate, as the server reads it. */
    record FlowSource(String source, String fileName) {
    }

    /** The body of applying a flow folder: its flow's text and its files, uploaded as artifacts first. */
    record FolderSource(String source, String fileName, List<FlowFile> files) {
    }

    private final String server;
    private final HttpClient client;
    private final HttpApi api;
    private final Uploads uploads;
    private final Options options;
    private final ScheduledExecutorService scheduler;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final TypeFactory types;

    private RemoteWorkspace(String server, String token, Options options) {
        this.server = server;
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1);
        if (options.caCertificate() != null) {
            builder.sslContext(ServerTrust.trusting(options.caCertificate()));
        }
        this.client = builder.build();
        ObjectMapper mapper = Json.newMapper();
        this.types = mapper.getTypeFactory();
        this.api = new HttpApi(client, server, token, mapper, options.requestTimeout(), options.caCertificate());
        this.uploads = new Uploads((file, described) -> reference(api.putFile("/artifacts/" + described.sha256()
                + HttpApi.query(List.of(Map.entry("name", described.name()))), file, type(JsonNode.class))));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reprise-remote-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A workspace on the server at {@code url} ({@code http://host:port}, with or without {@code /api/v1}).
     * Nothing is sent until the first call; the CA certificate of {@code options}, if any, is read now.
     */
    public static RemoteWorkspace connect(URI url, String token, Options options) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new InvalidInputException("a server URL looks like http://host:port, not '" + url + "'");
        }
        String base = url.toString().replaceAll("/+$", "");
        if (base.endsWith("/api/v1")) {
            base = base.substring(0, base.length() - "/api/v1".length());
        }
        return new RemoteWorkspace(base, token == null || token.isBlank() ? null : token.trim(), options);
    }

    @Override
    public String location() {
        return server;
    }

    // ---- flows

    @Override
    public List<FlowSummary> flows() {
        return api.get("/flows", list(FlowSummary.class));
    }

    @Override
    public List<FlowRevision> revisions(String flowId) {
        return api.get("/flows/" + seg(flowId) + "/revisions", list(FlowRevision.class));
    }

    @Override
    public FlowRevision revision(String flowId, Integer revision) {
        return api.get("/flows/" + seg(flowId) + "/revisions/" + (revision == null ? "latest" : revision),
                type(FlowRevision.class));
    }

    @Override
    public ApplyResult applyFlow(String source, String fileName) {
        return api.post("/flows", new FlowSource(source, fileName), type(ApplyResult.class));
    }

    @Override
    public ApplyResult applyFlow(String source, String fileName, List<FlowFile> files) {
        return api.post("/flows", new FolderSource(source, fileName, files), type(ApplyResult.class));
    }

    @Override
    public List<Problem> validateFlow(String source, String fileName) {
        return api.post("/flows/validate", new FlowSource(source, fileName), list(Problem.class));
    }

    @Override
    public List<Problem> validateFlow(String source, String fileName, List<FlowFile> files) {
        return api.post("/flows/validate", new FolderSource(source, fileName, files), list(Problem.class));
    }

    @Override
    public List<StepTypeInfo> stepTypes() {
        return api.get("/step-types", list(StepTypeInfo.class));
    }

    // ---- runs

    @Override
    public RunPage runs(RunQuery query) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("flow", nullToEmpty(query.flowId())));
        query.states().stream().map(RunState::name).sorted().forEach(s -> params.add(Map.entry("state", s)));
        query.labels().forEach((k, v) -> params.add(Map.entry("label", k + "=" + v)));
        params.add(Map.entry("text", nullToEmpty(query.text())));
        params.add(Map.entry("name", nullToEmpty(query.name())));
        params.add(Map.entry("parent", nullToEmpty(query.parent())));
        params.add(Map.entry("from", query.from() == null ? "" : query.from().toString()));
        params.add(Map.entry("to", query.to() == null ? "" : query.to().toString()));
        params.add(Map.entry("limit", String.valueOf(query.limit())));
        params.add(Map.entry("after", nullToEmpty(query.after())));
        params.removeIf(e -> e.getValue().isEmpty());
        return api.get("/runs" + HttpApi.query(params), type(RunPage.class));
    }

    @Override
    public RunDetail run(String runId) {
        return api.get("/runs/" + seg(runId), type(RunDetail.class));
    }

    /** {@inheritDoc} {@link LocalFile}s among the parameters and step inputs are uploaded first. */
    @Override
    public Run start(StartRequest request) {
        StartRequest sent = request.withValues(uploads.resolve(request.values()));
        return api.post("/runs", sent, type(Run.class));
    }

    /** {@inheritDoc} {@link LocalFile}s among the request's values are uploaded first (once per file version). */
    @Override
    public ReplayPlan plan(String runId, ReplayRequest request) {
        return api.post("/runs/" + seg(runId) + "/plan", request.withValues(uploads.resolve(request.values())), type(ReplayPlan.class));
    }

    /** {@inheritDoc} {@link LocalFile}s among the request's values are uploaded first. */
    @Override
    public Run replay(String runId, ReplayRequest request) {
        return api.post("/runs/" + seg(runId) + "/replay", request.withValues(uploads.resolve(request.values())), type(Run.class));
    }

    @Override
    public BulkReplay planReplays(BulkReplayRequest request) {
        return api.post("/replays/plan", request, type(BulkReplay.class));
    }

    @Override
    public BulkReplay replayAll(BulkReplayRequest request) {
        return api.post("/replays", request, type(BulkReplay.class));
    }

    @Override
    public Lineage lineage(String runId) {
        return api.get("/runs/" + seg(runId) + "/lineage", type(Lineage.class));
    }

    @Override
    public void cancel(String runId) {
        api.post("/runs/" + seg(runId) + "/cancel", null);
    }

    /** {@inheritDoc} {@link LocalFile}s among the values are uploaded first. */
    @Override
    public Snapshot createSnapshot(SnapshotRequest request) {
        SnapshotRequest sent = request.withValues(uploads.resolve(request.values()));
        return api.post("/snapshots", sent, type(Snapshot.class));
    }

    @Override
    public List<Snapshot> snapshots(String flowId) {
        return api.get("/snapshots" + (flowId == null ? "" : HttpApi.query(List.of(Map.entry("flow", flowId)))),
                list(Snapshot.class));
    }

    @Override
    public Snapshot latestSnapshot(String flowId) {
        return api.get("/flows/" + seg(flowId) + "/latest-snapshot", type(Snapshot.class));
    }

    @Override
    public Snapshot snapshot(String name) {
        return api.get("/snapshots/" + seg(name), type(Snapshot.class));
    }

    /** {@inheritDoc} {@link LocalFile}s among the values are uploaded first. */
    @Override
    public Run runSnapshot(String name, SnapshotRun run) {
        SnapshotRun given = run == null ? SnapshotRun.asIs() : run;
        SnapshotRun sent = given.withValues(uploads.resolve(given.values()));
        return api.post("/snapshots/" + seg(name) + "/runs", sent, type(Run.class));
    }

    /** {@inheritDoc} {@link LocalFile}s among the values are uploaded first. */
    @Override
    public Run runLatestSnapshot(String flowId, SnapshotRun run) {
        SnapshotRun given = run == null ? SnapshotRun.asIs() : run;
        SnapshotRun sent = given.withValues(uploads.resolve(given.values()));
        return api.post("/flows/" + seg(flowId) + "/latest-snapshot/runs", sent, type(Run.class));
    }

    @Override
    public void deleteSnapshot(String name) {
        api.delete("/snapshots/" + seg(name), null);
    }

    @Override
    public List<String> deleteRun(String runId, boolean withReplays) {
        return api.delete("/runs/" + seg(runId) + (withReplays ? "?withReplays=true" : ""), list(String.class));
    }

    @Override
    public void cancelStep(String runId, String stepId) {
        api.post("/runs/" + seg(runId) + "/steps/" + seg(stepId) + "/cancel", null);
    }

    // ---- logs and artifacts

    @Override
    public LogChunk log(String runId, String stepId, int attempt, long offset, int maxBytes) {
        return api.get("/runs/" + seg(runId) + "/steps/" + seg(stepId) + "/attempts/" + attempt + "/log"
                + HttpApi.query(List.of(Map.entry("offset", String.valueOf(offset)),
                Map.entry("maxBytes", String.valueOf(maxBytes)))), type(LogChunk.class));
    }

    /** The artifact's bytes as the server streams them; close the stream to release the connection. */
    @Override
    public InputStream openArtifact(String sha256) {
        if (!ArtifactRef.isDigest(sha256)) {
            // as a local workspace: a name that is not a digest names no artifact
            throw new NotFoundException("no artifact '" + sha256 + "': not an artifact digest");
        }
        return api.stream("/artifacts/" + sha256);
    }

    @Override
    public ArtifactRef putArtifact(InputStream bytes, String sha256, String name) {
        if (!ArtifactRef.isDigest(sha256)) {
            throw new InvalidInputException("an artifact is named by the SHA-256 of its bytes (64 hex digits), not '"
                    + sha256 + "'");
        }
        return reference(api.putStream("/artifacts/" + sha256
                + HttpApi.query(List.of(Map.entry("name", nullToEmpty(name)))), bytes, type(JsonNode.class)));
    }

    private ArtifactRef reference(JsonNode answer) {
        return ArtifactRef.from(answer).orElseThrow(() -> new WorkspaceException(
                "the Reprise server at " + server + " answered an upload with no artifact reference: " + answer));
    }

    // ---- events

    /**
     * {@inheritDoc} Sequence numbers are per change, and a run event carries the highest number of the
     * commit it belongs to, so several events can share a number. After a dropped connection the stream
     * resumes from one before the highest number seen, and an event is delivered only if it is newer than
     * the last one delivered for the same run or step: nothing is lost and nothing comes twice.
     */
    @Override
    public Subscription subscribe(String runId, long afterSeq, Consumer<RunEvent> listener) {
        ResumePoint resume = new ResumePoint(afterSeq);
        String path = "/runs/" + seg(runId) + "/events?after=" + afterSeq;
        return track(EventStream.open(client, api, path, resume::lastEventId, (id, event, data) -> {
            if ("run-event".equals(event)) {
                RunEvent runEvent = parse(data);
                if (runEvent != null && resume.isNew(runEvent)) {
                    listener.accept(runEvent);
                }
            }
        }, scheduler, options.staleStreamAfter(), options.connectTimeout()));
    }

    /** Where a run subscription resumes after a dropped connection. Used under the stream's lock. */
    private static final class ResumePoint {
        private final ResumeRule rule;
        private volatile long highest;

        ResumePoint(long afterSeq) {
            this.rule = new ResumeRule(afterSeq);
            this.highest = afterSeq;
        }

        boolean isNew(RunEvent event) {
            boolean admitted = rule.admit(event);
            highest = rule.highest();
            return admitted;
        }

        String lastEventId() {
            long current = highest;
            return String.valueOf(current > rule.afterSeq() ? current - 1 : rule.afterSeq());
        }
    }

    @Override
    public Subscription subscribeAll(Consumer<RunEvent> listener) {
        String[] lastId = {null};
        return track(EventStream.open(client, api, "/events", () -> lastId[0], (id, event, data) -> {
            if (id != null) {
                lastId[0] = id;
            }
            if ("gap".equals(event)) {
                LOG.warn("the all-runs event stream of {} missed events while disconnected: {}", server, data);
            } else if ("run-event".equals(event)) {
                RunEvent runEvent = parse(data);
                if (runEvent != null) {
                    listener.accept(runEvent);
                }
            }
        }, scheduler, options.staleStreamAfter(), options.connectTimeout()));
    }

    private Subscription track(EventStream stream) {
        streams.add(stream);
        return () -> {
            streams.remove(stream);
            stream.close();
        };
    }

    private RunEvent parse(String data) {
        try {
            return api.mapper().readValue(data, RunEvent.class);
        } catch (IOException e) {
            LOG.warn("cannot read an event from {}: {}", server, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        streams.forEach(EventStream::close);
        streams.clear();
        scheduler.shutdownNow();
        client.shutdownNow();
    }

    private JavaType type(Class<?> type) {
        return types.constructType(type);
    }

    private JavaType list(Class<?> element) {
        return types.constructCollectionType(List.class, element);
    }

    private static String seg(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidInputException("an id is required");
        }
        return HttpApi.segment(id);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    @Override
    public String toString() {
        return "RemoteWorkspace[" + server + "]";
    }
}
