package dev.reprise.run;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to replay several runs at once, as Kestra replays a selection of executions: the runs named in
 * {@code runs} (ids, names or flow ids, as a single replay reads them) and those {@code query} finds, each
 * replayed on its own with {@code scope} — or, when it is null, the failed part of each run that did not
 * succeed and the whole of each that did — with the {@code revision} chosen for all ({@code original},
 * {@code latest} of each run's flow, or a number), and {@code env} and {@code labels} for every new run.
 */
public record BulkReplayRequest(
        List<String> runs,
        @Nullable RunQuery query,
        @Nullable ReplayScope scope,
        @JsonDeserialize(using = ReplayRequest.RevisionText.class) String revision,
        Map<String, String> env,
        Map<String, String> labels) {

    public BulkReplayRequest {
        runs = runs == null ? List.of() : List.copyOf(runs);
        revision = revision == null || revision.isBlank() ? ReplayRequest.ORIGINAL : revision.trim();
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The revision this request chooses; throws {@link IllegalArgumentException} when its text names none. */
    public RevisionChoice revisionChoice() {
        return RevisionChoice.parse(revision);
    }

    /** The runs named, each with the scope that fits its state, on its original revision. */
    public static BulkReplayRequest of(List<String> runs) {
        return new BulkReplayRequest(runs, null, null, ReplayRequest.ORIGINAL, null, null);
    }

    /** The runs {@code query} finds, each with the scope that fits its state, on its original revision. */
    public static BulkReplayRequest of(RunQuery query) {
        return new BulkReplayRequest(List.of(), query, null, ReplayRequest.ORIGINAL, null, null);
    }

    public BulkReplayRequest withScope(@Nullable ReplayScope newScope) {
        return new BulkReplayRequest(runs, query, newScope, revision, env, labels);
    }

    public BulkReplayRequest withRevision(String newRevision) {
        return new BulkReplayRequest(runs, query, scope, newRevision, env, labels);
    }

    public BulkReplayRequest withEnv(Map<String, String> newEnv) {
        return new BulkReplayRequest(runs, query, scope, revision, newEnv, labels);
    }

    public BulkReplayRequest withLabels(Map<String, String> newLabels) {
        return new BulkReplayRequest(runs, query, scope, revision, env, newLabels);
    }

    /** The scope run {@code source} is replayed with: the one given for all, else one that fits its state. */
    public ReplayScope scopeFor(Run source) {
        if (scope != null) {
            return scope;
        }
        return source.state() == RunState.SUCCEEDED ? ReplayScope.whole() : ReplayScope.failed();
    }

    /** The request of one run's replay. */
    public ReplayRequest requestFor(Run source) {
        return new ReplayRequest(scopeFor(source), null, null, null, revision, env, labels, null);
    }
}
