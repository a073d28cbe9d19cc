package dev.reprise.server;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Ids;
import dev.reprise.flow.Problem;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.BulkReplay;
import dev.reprise.run.BulkReplayRequest;
import dev.reprise.run.Lineage;
import dev.reprise.run.LocalFile;
import dev.reprise.run.LogChunk;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.RequestValues;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunPage;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.Snapshot;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.ConfiguredCalls;
import dev.reprise.workspace.FlowSummary;
import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.RunConfigFile;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.SnapshotRequest;
import dev.reprise.workspace.SnapshotRun;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Workspace;
import org.jspecify.annotations.Nullable;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static dev.reprise.server.RouteTable.query;
import static dev.reprise.server.RouteTable.repeated;

/**
 * The {@link Workspace} contract as HTTP operations under {@code /api/v1}: one entry per call, each a
 * line or two that reads the request, calls the workspace and returns its record. The records are the wire
 * format. Stateless apart from the workspace it serves.
 */
final class ApiRoutes {

    /**
     * The body of apply and validate: a flow file's text and the name its problems are reported under; for a flow
     * kept as a folder, its other files too, whose bytes were uploaded first ({@code PUT /artifacts/{sha256}}).
     */
    record FlowSource(String source, String fileName, @Nullable List<FlowFile> files) {
    }

    /** The health answer. */
    record Health(String status, String version) {
    }

    private ApiRoutes() {
    }

    static RouteTable table(Workspace ws, EventStreams streams, ObjectMapper mapper, String version,
                            long maxUploadBytes, Supplier<JsonNode> document, ServerMetrics metrics) {
        var types = mapper.getTypeFactory();
        JavaType none = null;
        RouteTable t = new RouteTable("/api/v1");

        t.tag("Server", "The server itself: whether it is up, and this document (neither needs a token)");
        t.open("getHealth", "/health", "Whether the server is up (no token needed)", type(mapper, Health.class),
                r -> new Health("ok", version));
        t.open("getApiDocument", "/openapi.json", "This OpenAPI 3.1 document (no token needed)",
                type(mapper, JsonNode.class), r -> document.get());

        t.tag("Metrics", "The server's figures for monitoring, in the Prometheus text format; any token may read them");
        t.textAtRoot("getMetrics", "/metrics", "Runs by state, runs and steps finished, HTTP requests by route and "
                        + "their durations, event-stream clients: the Prometheus text format 0.0.4, served at the "
                        + "server's root (/metrics), not under /api/v1", ServerMetrics.CONTENT_TYPE,
                r -> r.context().contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape()));

        t.tag("Flows", "Flow files: validate them, store them as revisions, read the revisions back");
        t.get("listFlows", "/flows", "Every flow with its latest revision",
                types.constructCollectionType(List.class, FlowSummary.class), r -> ws.flows());
        t.post("applyFlow", "/flows", "Validate a flow file and store it as a new revision if it changed (201 when "
                        + "created); with files, a flow folder whose files were uploaded as artifacts first",
                type(mapper, FlowSource.class), type(mapper, ApplyResult.class), 200, r -> {
                    FlowSource body = source(r);
                    ApplyResult result = body.files() == null ? ws.applyFlow(body.source(), body.fileName())
                            : ws.applyFlow(body.source(), body.fileName(), body.files());
                    r.status(result.created() ? 201 : 200);
                    return result;
                });
        t.post("validateFlow", "/flows/validate", "Every problem of a flow file; stores nothing. With files, a flow "
                        + "folder: the code its steps name is checked against those files (their bytes need not be "
                        + "uploaded); without, against the files of the flow's latest revision",
                type(mapper, FlowSource.class), types.constructCollectionType(List.class, Problem.class), 200, r -> {
                    FlowSource body = source(r);
                    return body.files() == null ? ws.validateFlow(body.source(), body.fileName())
                            : ws.validateFlow(body.source(), body.fileName(), body.files());
                });
        t.get("listFlowRevisions", "/flows/{flowId}/revisions", "Every revision of a flow, oldest first",
                types.constructCollectionType(List.class, FlowRevision.class), r -> ws.revisions(r.flowId()));
        t.get("getFlowRevision", "/flows/{flowId}/revisions/{revision}", "One revision of a flow ('latest' for the "
                        + "latest)", type(mapper, FlowRevision.class), r -> ws.revision(r.flowId(),
                        "latest".equals(r.context().pathParam("revision")) ? null : r.intPath("revision", 1)));
        t.get("listStepTypes", "/step-types", "The step types this server runs",
                types.constructCollectionType(List.class, StepTypeInfo.class), r -> ws.stepTypes());

        t.tag("Runs", "Runs of flows: start, list, read, cancel and delete them");
        t.get("listRuns", "/runs", "Runs, newest first, filtered and paged (pass nextCursor as after for the next page)",
                type(mapper, RunPage.class), r -> ws.runs(runQuery(r)),
                query("flow", "string", "only runs of this flow"),
                repeated("state", RunState.values(), "only runs in one of these states (repeat the parameter, "
                        + "or separate states with commas; any case)"),
                repeated("label", "only runs with every one of these labels, each as key=value (repeat the "
                        + "parameter for several)"),
                query("text", "string", "only runs whose id, name or flow contains this text"),
                query("name", "string", "only runs named exactly this"),
                query("parent", "string", "only runs started by a step of this run (its sub-pipelines)"),
                query("from", "string", "only runs created at or after this instant (ISO-8601)"),
                query("to", "string", "only runs created before this instant (ISO-8601)"),
                query("limit", "integer", "at most this many runs (1 to " + RunQuery.MAX_LIMIT + ", default "
                        + RunQuery.DEFAULT_LIMIT + ")"),
                query("after", "string", "the nextCursor of the previous page"));
        JavaType config = type(mapper, RunConfig.class);
        t.configured("startRun", "/runs", "Start a run of a flow revision; answers the run as recorded (201). A run "
                        + "configuration (YAML) names the flow it runs", type(mapper, StartRequest.class), config,
                type(mapper, Run.class), 201, r -> r.isYaml() ? ConfiguredCalls.start(ws, config(r))
                        : ws.start(noLocalFiles(r.body(StartRequest.class))));
        t.get("getRun", "/runs/{runId}", "A run with its step runs", type(mapper, RunDetail.class),
                r -> ws.run(r.runId()));
        t.delete("deleteRun", "/runs/{runId}", "Delete a run that has ended (its steps and logs; artifacts stay); "
                        + "answers the ids deleted. A run with replays needs withReplays=true, which deletes them too",
                types.constructCollectionType(List.class, String.class),
                r -> ws.deleteRun(r.runId(), booleanQuery(r, "withReplays")),
                query("withReplays", "boolean", "also delete the replays below the run (default false)"));
        t.post("cancelRun", "/runs/{runId}/cancel", "Cancel a run that has not ended", none, none, 204, r -> {
            ws.cancel(r.runId());
            return null;
        });
        t.post("cancelStep", "/runs/{runId}/steps/{stepId}/cancel", "Cancel one step instance of a run", none, none,
                204, r -> {
                    ws.cancelStep(r.runId(), r.stepId());
                    return null;
                });

        t.tag("Replay", "Replays of a run: plan one, run one, and the tree of replays a run belongs to");
        t.configured("planReplay", "/runs/{runId}/plan", "What a replay of the run would do, with every error of "
                        + "the request; runs nothing. A run configuration (YAML) plans a replay of the whole run with "
                        + "its values", type(mapper, ReplayRequest.class), config, type(mapper, ReplayPlan.class), 200,
                r -> r.isYaml() ? ConfiguredCalls.plan(ws, config(r), r.runId(), ReplayRequest.asIs())
                        : ws.plan(r.runId(), noLocalFiles(r.body(ReplayRequest.class))));
        t.configured("replayRun", "/runs/{runId}/replay", "Replay the run as a new run; answers it as recorded (201). "
                        + "A run configuration (YAML) replays the whole run with its values",
                type(mapper, ReplayRequest.class), config, type(mapper, Run.class), 201,
                r -> r.isYaml() ? ConfiguredCalls.replay(ws, config(r), r.runId(), ReplayRequest.asIs())
                        : ws.replay(r.runId(), noLocalFiles(r.body(ReplayRequest.class))));
        t.get("getRunLineage", "/runs/{runId}/lineage", "The replay tree the run belongs to",
                type(mapper, Lineage.class), r -> ws.lineage(r.runId()));
        t.post("planReplays", "/replays/plan", "What replaying several runs at once would do: each run named or "
                        + "found by the query with its own plan, or the reason it would be refused; runs nothing",
                type(mapper, BulkReplayRequest.class), type(mapper, BulkReplay.class), 200,
                r -> ws.planReplays(r.body(BulkReplayRequest.class)));
        t.post("replayRuns", "/replays", "Replay several runs at once, each with its own plan (without a scope: the "
                        + "failed part of a run that did not succeed, the whole of one that did); a run that cannot be "
                        + "replayed is listed with its reason and the others still go",
                type(mapper, BulkReplayRequest.class), type(mapper, BulkReplay.class), 200,
                r -> ws.replayAll(r.body(BulkReplayRequest.class)));

        t.tag("Snapshots", "Named, immutable run configurations, and runs made from them");
        t.get("listSnapshots", "/snapshots", "Every snapshot, or those of a flow, by name",
                types.constructCollectionType(List.class, Snapshot.class), r -> ws.snapshots(flowQuery(r)),
                query("flow", "string", "only the snapshots of this flow"));
        t.configured("createSnapshot", "/snapshots", "Store a snapshot: a named, immutable run configuration (201). "
                        + "A run configuration (YAML) is named by the query parameter name, and may be made over a "
                        + "run's (fromRun)", type(mapper, SnapshotRequest.class), config, type(mapper, Snapshot.class),
                201, r -> r.isYaml() ? ConfiguredCalls.createSnapshot(ws, config(r), snapshotNameQuery(r),
                        r.query("fromRun")) : ws.createSnapshot(noLocalFiles(r.body(SnapshotRequest.class))),
                query("name", "string", "the snapshot's name, for a run configuration sent as YAML (a JSON body "
                        + "holds it)"),
                query("fromRun", "string", "for a run configuration sent as YAML: the run whose revision, inputs, "
                        + "labels and environment the snapshot takes, the configuration's over them"));
        t.get("getSnapshot", "/snapshots/{name}", "One snapshot", type(mapper, Snapshot.class),
                r -> ws.snapshot(r.snapshotName()));
        t.configured("runSnapshot", "/snapshots/{name}/runs", "Run a snapshot, with inputs over its own; answers the "
                        + "run as recorded (201)", type(mapper, SnapshotRun.class), config, type(mapper, Run.class),
                201, r -> r.isYaml() ? ConfiguredCalls.runSnapshot(ws, config(r), r.snapshotName())
                        : ws.runSnapshot(r.snapshotName(), noLocalFiles(r.body(SnapshotRun.class))));
        t.get("getLatestSnapshot", "/flows/{flowId}/latest-snapshot", "The latest snapshot of a flow (the one created "
                + "last)", type(mapper, Snapshot.class), r -> ws.latestSnapshot(r.flowId()));
        t.configured("runLatestSnapshot", "/flows/{flowId}/latest-snapshot/runs", "Run the latest snapshot of a "
                        + "flow, with inputs over its own; answers the run as recorded (201)",
                type(mapper, SnapshotRun.class), config, type(mapper, Run.class), 201,
                r -> r.isYaml() ? ConfiguredCalls.runLatestSnapshot(ws, config(r), r.flowId())
                        : ws.runLatestSnapshot(r.flowId(), noLocalFiles(r.body(SnapshotRun.class))));
        t.delete("deleteSnapshot", "/snapshots/{name}", "Delete a snapshot (runs made from it stay)", null, r -> {
            ws.deleteSnapshot(r.snapshotName());
            return null;
        });

        t.tag("Logs", "The logs of step attempts, read piece by piece or followed as they grow");
        t.get("getStepLog", "/runs/{runId}/steps/{stepId}/attempts/{attempt}/log", "A piece of an attempt's log",
                type(mapper, LogChunk.class), r -> ws.log(r.runId(), r.stepId(), r.intPath("attempt", 1),
                        orDefault(r.longQuery("offset", 0), 0L),
                        Math.min(orDefault(r.intQuery("maxBytes", 1), 64 * 1024), 1024 * 1024)),
                query("offset", "integer", "the byte to start at (default 0)"),
                query("maxBytes", "integer", "at most this many bytes (default 65536, at most 1048576)"));
        t.events("followStepLog", "/runs/{runId}/steps/{stepId}/attempts/{attempt}/log/stream",
                "An attempt's log as events of chunks until it is complete; each event's id is the byte offset "
                        + "after it, and Last-Event-ID resumes from one",
                List.of(StreamEvent.CHUNK, StreamEvent.ERROR), streams::log,
                query("offset", "integer", "the byte to start at (default 0)"));

        t.tag("Artifacts", "Files that steps made and files that clients give to runs, by their SHA-256");
        t.bytes("downloadArtifact", "/artifacts/{sha256}", "An artifact's bytes; answers Range requests",
                streams::artifact);
        t.upload("uploadArtifact", "/artifacts/{sha256}", "Store the body as an artifact (a client's file, to give a "
                        + "run); the bytes must hash to the digest, and be at most " + maxUploadBytes + " bytes. "
                        + "Answers the reference as request values give it: {\"$artifact\": sha256, \"name\": …, "
                        + "\"size\": …}",
                type(mapper, JsonNode.class), r -> upload(r, ws, mapper, maxUploadBytes),
                query("name", "string", "the file name to record with the artifact"));

        t.tag("Events", "Live run events as server-sent events (text/event-stream)");
        t.events("followRunEvents", "/runs/{runId}/events", "A run's events after a sequence number: first what "
                        + "changed since, then live, until the run's end; each event's id is its sequence number, and "
                        + "Last-Event-ID resumes after one", List.of(StreamEvent.RUN_EVENT), streams::run,
                query("after", "integer", "the last sequence number already seen (default 0: everything)"));
        t.events("followAllEvents", "/events", "Every run's events, live; Last-Event-ID resumes after an event's id "
                        + "while the server keeps it (a gap event says when it does not)",
                List.of(StreamEvent.RUN_EVENT, StreamEvent.GAP), streams::all);
        return t;
    }

    private static boolean booleanQuery(Request r, String name) {
        String value = r.query(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest(name + " must be true or false, was '" + value + "'");
    }

    private static void upload(Request r, Workspace ws, ObjectMapper mapper, long maxUploadBytes) throws IOException {
        String sha256 = r.digest();
        String length = r.header("Content-Length");
        if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > maxUploadBytes) {
            throw new ApiException(413, "the upload is larger than the limit of " + maxUploadBytes + " bytes");
        }
        ArtifactRef stored;
        try (InputStream body = new CappedInputStream(r.rawBody(), maxUploadBytes)) {
            stored = ws.putArtifact(body, sha256, r.query("name"));
        }
        r.status(201);
        r.context().contentType("application/json").result(mapper.writeValueAsBytes(stored.toJson()));
    }

    /** An upload's body, refused with 413 once it goes past the limit (a body without a length is counted). */
    private static final class CappedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

        CappedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ApiException(413, "the upload is larger than the limit of " + limit + " bytes");
            }
        }
    }

    /**
     * A client's own files ({@code {"$file": path}}) name nothing on this server: a client uploads them
     * first ({@code PUT /artifacts/{sha256}}) and sends the references; RemoteWorkspace does.
     */
    private static StartRequest noLocalFiles(StartRequest request) {
        requireFlowId(request.flowId());
        refuseLocalFiles(request.values());
        return request;
    }

    private static SnapshotRequest noLocalFiles(SnapshotRequest request) {
        requireFlowId(request.flowId());
        refuseLocalFiles(request.values());
        return request;
    }

    private static SnapshotRun noLocalFiles(SnapshotRun run) {
        refuseLocalFiles(run.values());
        return run;
    }

    private static ReplayRequest noLocalFiles(ReplayRequest request) {
        refuseLocalFiles(request.values());
        return request;
    }

    /** A flow id in a body follows the rule a path's does; the workspace says when a needed one is missing. */
    private static void requireFlowId(String flowId) {
        if (flowId != null && !flowId.isBlank()) {
            Ids.flowIdProblem(flowId).ifPresent(problem -> {
                throw ApiException.badRequest("flowId: " + Request.printable(problem));
            });
        }
    }

    private static void refuseLocalFiles(RequestValues values) {
        values.forEach((path, value) -> {
            if (LocalFile.isLocalFile(value)) {
                throw ApiException.badRequest(path + " names a file of the client ("
                        + value.get(LocalFile.KEY).asText() + "); upload it with PUT /api/v1/artifacts/{sha256} "
                        + "and send the artifact reference instead");
            }
        });
    }

    /**
     * The run configuration a YAML body holds, every problem of its shape at its line and column of the body; a
     * client's own files name nothing here, as in a JSON body.
     */
    private static RunConfigFile config(Request r) {
        RunConfigFile file = RunConfigFile.read(r.text(), "request body");
        refuseLocalFiles(file.config().values());
        return file;
    }

    private static String flowQuery(Request r) {
        String flow = r.query("flow");
        if (flow != null) {
            Ids.flowIdProblem(flow).ifPresent(problem -> {
                throw ApiException.badRequest("flow: " + Request.printable(problem));
            });
        }
        return flow;
    }

    private static String snapshotNameQuery(Request r) {
        String name = r.query("name");
        if (name == null) {
            throw ApiException.badRequest("name the snapshot of a run configuration sent as YAML with the query "
                    + "parameter name: POST /snapshots?name=NAME");
        }
        return name;
    }

    private static FlowSource source(Request r) {
        FlowSource body = r.body(FlowSource.class);
        if (body.source() == null) {
            throw ApiException.badRequest("field 'source' is required");
        }
        return body;
    }

    private static JavaType type(ObjectMapper mapper, Class<?> type) {
        return mapper.constructType(type);
    }

    private static <T> T orDefault(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    static RunQuery runQuery(Request r) {
        Set<RunState> states = EnumSet.noneOf(RunState.class);
        for (String state : r.queries("state")) {
            try {
                states.add(RunState.valueOf(state.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknown state '" + Request.printable(state) + "' (expected one of "
                        + Arrays.toString(RunState.values()) + ")");
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : r.context().queryParams("label")) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw ApiException.badRequest("label must be key=value, was '" + Request.printable(label) + "'");
            }
            labels.put(label.substring(0, eq), label.substring(eq + 1));
        }
        Integer limit = r.intQuery("limit", 1);
        if (limit != null && limit > RunQuery.MAX_LIMIT) {
            throw ApiException.badRequest("limit must be at most " + RunQuery.MAX_LIMIT + ", was " + limit);
        }
        return new RunQuery(r.query("flow"), states, labels, r.query("text"), instant(r, "from"), instant(r, "to"),
                limit == null ? RunQuery.DEFAULT_LIMIT : limit, r.query("after"), r.query("name"), r.query("parent"));
    }

    private static Instant instant(Request r, String name) {
        String value = r.query(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an instant such as 2024-03-01T12:00:00Z, was '"
                    + Request.printable(value) + "'");
        }
    }
}
