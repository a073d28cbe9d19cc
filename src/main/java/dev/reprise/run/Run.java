package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One execution of a flow revision. {@code parameters} are the resolved flow inputs; {@code target} says
 * where it ran ({@code local} or a server). Lineage: {@code parentRunId} is the run it replays (null for a
 * fresh run) and {@code rootRunId} the first run of its lineage (itself for a fresh run); {@code replay} is
 * the request that made a replay, and {@code modified} is true when that request changed what steps received
 * (parameters, step inputs, injected outputs). {@code outputs} are the flow's declared outputs, evaluated
 * when the run succeeded. {@code trigger} is the step attempt of another run that started this one (a
 * sub-pipeline), null for a run started by a person. {@code seq} is the last event sequence number of this run. Immutable: every change
 * returns a new instance. Made with {@link #builder} (or {@link #queued}), so that an absent part is one that
 * is not set rather than a null in a long list.
 */
public record Run(
        String id,
        String flowId,
        int revision,
        @Nullable String name,
        Map<String, String> labels,
        Map<String, String> env,
        Map<String, JsonNode> parameters,
        RunState state,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        String target,
        @Nullable String parentRunId,
        String rootRunId,
        @Nullable String error,
        long seq,
        Map<String, JsonNode> outputs,
        @Nullable ReplayRequest replay,
        boolean modified,
        @Nullable RunTrigger trigger) {

    /** The longest run name, label key and label value: what the store keeps, so refused before it is asked. */
    public static final int MAX_NAME = 1000;
    public static final int MAX_LABEL_KEY = 200;
    public static final int MAX_LABEL_VALUE = 1000;

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(state, "state");
        requireAtMost("name", name, MAX_NAME);
        if (labels != null) {
            labels.forEach((key, value) -> {
                requireAtMost("a label's key", key, MAX_LABEL_KEY);
                requireAtMost("label " + (key.length() > 40 ? key.substring(0, 40) + "…" : key), value,
                        MAX_LABEL_VALUE);
            });
        }
        labels = copy(labels);
        env = copy(env);
        parameters = copy(parameters);
        outputs = copy(outputs);
    }

    /**
     * A run of revision {@code revision} of flow {@code flowId} with nothing else set yet: {@code QUEUED}, no
     * name, labels, env, parameters or outputs, no times, target or lineage, sequence number 0.
     */
    public static Builder builder(String id, String flowId, int revision) {
        return new Builder(id, flowId, revision);
    }

    /** A builder that starts from this run, to change some of its parts. */
    public Builder toBuilder() {
        return new Builder(id, flowId, revision).name(name).labels(labels).env(env).parameters(parameters)
                .state(state).createdAt(createdAt).startedAt(startedAt).endedAt(endedAt).target(target)
                .parentRunId(parentRunId).rootRunId(rootRunId).error(error).seq(seq).outputs(outputs)
                .replay(replay).modified(modified).trigger(trigger);
    }

    /**
     * A new run as it is first recorded: {@code QUEUED} at {@code createdAt}, executed here ({@code local}), the
     * root of its own lineage, its first change numbered 1. A replay adds its lineage with {@link #asReplay}.
     */
    public static Run queued(String id, String flowId, int revision, String name, Map<String, String> labels,
                             Map<String, String> env, Map<String, JsonNode> parameters, Instant createdAt) {
        return builder(id, flowId, revision).name(name).labels(labels).env(env).parameters(parameters)
                .createdAt(createdAt).target("local").rootRunId(id).seq(1).build();
    }

    private static void requireAtMost(String what, String text, int max) {
        if (text != null && text.length() > max) {
            throw new IllegalArgumentException(what + " is " + text.length() + " characters long; at most "
                    + max + " are allowed");
        }
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** This run moved to {@code next} (a checked transition), keeping its sequence number until committed. */
    public Run withState(RunState next) {
        return withState(next, seq);
    }

    public Run withState(RunState next, long newSeq) {
        return toBuilder().state(state.moveTo(next)).seq(newSeq).build();
    }

    public Run withSeq(long newSeq) {
        return toBuilder().seq(newSeq).build();
    }

    public Run withTimes(Instant newStartedAt, Instant newEndedAt) {
        return toBuilder().startedAt(newStartedAt).endedAt(newEndedAt).build();
    }

    public Run withOutputs(Map<String, JsonNode> newOutputs) {
        return toBuilder().outputs(newOutputs).build();
    }

    /** This run as a replay of {@code parent} in the lineage rooted at {@code root}, made by {@code request}. */
    public Run asReplay(String parent, String root, ReplayRequest request) {
        return toBuilder().parentRunId(parent).rootRunId(root).replay(request).modified(request.modifies()).build();
    }

    /** This run as started by the step attempt {@code by} of another run. */
    public Run withTrigger(RunTrigger by) {
        return toBuilder().trigger(by).build();
    }

    public Run withError(String newError) {
        return toBuilder().error(newError).build();
    }

    /**
     * Collects the parts of a {@link Run}: a part that is not set is absent, except the state, which every run
     * has and which starts as {@code QUEUED}. {@link #build} checks them as the record does. Not thread-safe: one
     * thread makes one run with it.
     */
    public static final class Builder {
        private final String id;
        private final String flowId;
        private int revision;
        private String name;
        private Map<String, String> labels;
        private Map<String, String> env;
        private Map<String, JsonNode> parameters;
        private RunState state = RunState.QUEUED;
        private Instant createdAt;
        private Instant startedAt;
        private Instant endedAt;
        private String target;
        private String parentRunId;
        private String rootRunId;
        private String error;
        private long seq;
        private Map<String, JsonNode> outputs;
        private ReplayRequest replay;
        private boolean modified;
        private RunTrigger trigger;

        private Builder(String id, String flowId, int revision) {
            this.id = id;
            this.flowId = flowId;
            this.revision = revision;
        }

        public Builder revision(int value) {
            revision = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder env(Map<String, String> value) {
            env = value;
            return this;
        }

        public Builder parameters(Map<String, JsonNode> value) {
            parameters = value;
            return this;
        }

        public Builder state(RunState value) {
            state = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        public Builder endedAt(Instant value) {
            endedAt = value;
            return this;
        }

        public Builder target(String value) {
            target = value;
            return this;
        }

        public Builder parentRunId(String value) {
            parentRunId = value;
            return this;
        }

        public Builder rootRunId(String value) {
            rootRunId = value;
            return this;
        }

        public Builder error(String value) {
            error = value;
            return this;
        }

        public Builder seq(long value) {
            seq = value;
            return this;
        }

        public Builder outputs(Map<String, JsonNode> value) {
            outputs = value;
            return this;
        }

        public Builder replay(ReplayRequest value) {
            replay = value;
            return this;
        }

        public Builder modified(boolean value) {
            modified = value;
            return this;
        }

        public Builder trigger(RunTrigger value) {
            trigger = value;
            return this;
        }

        /** The run; throws as the record's constructor does when a part is missing or too long. */
        public Run build() {
            return new Run(id, flowId, revision, name, labels, env, parameters, state, createdAt, startedAt, endedAt,
                    target, parentRunId, rootRunId, error, seq, outputs, replay, modified, trigger);
        }
    }
}
