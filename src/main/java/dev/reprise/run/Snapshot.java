package dev.reprise.run;

import com.fasterxml.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named, immutable run configuration (ZenML's snapshot, a run template): a flow revision, flow inputs and
 * step inputs, run again and again with overrides of its own. {@code parameters} are the inputs it fixes
 * (the rest take their defaults); {@code stepInputs} are {@code step → input → value}, replacing what the
 * flow's templates would give those steps; {@code sourceRunId} is the run it was made from, if any. Its runs
 * carry {@code labels} and {@code env} (a run of it may add to them) and are named {@code runName} unless
 * they are given a name (null: {@code snapshot NAME}).
 */
public record Snapshot(String name, String flowId, int revision, Map<String, JsonNode> parameters,
                       Map<String, Map<String, JsonNode>> stepInputs, @Nullable String description, Instant createdAt,
                       @Nullable String sourceRunId, Map<String, String> labels, Map<String, String> env,
                       @Nullable String runName) {

    /** The label of a snapshot's runs, whose value is the snapshot's name. */
    public static final String LABEL = "snapshot";

    /** The longest description, what the store keeps. */
    public static final int MAX_DESCRIPTION = 2000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public Snapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flowId, "flowId");
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description is " + description.length()
                    + " characters long; a snapshot's is at most " + MAX_DESCRIPTION);
        }
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Map<String, Map<String, JsonNode>> steps = new LinkedHashMap<>();
        if (stepInputs != null) {
            stepInputs.forEach((step, inputs) -> steps.put(step,
                    Collections.unmodifiableMap(new LinkedHashMap<>(inputs))));
        }
        stepInputs = Collections.unmodifiableMap(steps);
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /**
     * Why {@code name} cannot name a snapshot: 1 to 100 letters, digits, '.', '_' and '-', starting with a letter
     * or a digit, without '..' (it is a segment of the server's URL paths).
     */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.of("a snapshot's name is 1 to 100 letters, digits, '.', '_' and '-', starting with a "
                    + "letter or a digit, without '..'; got '" + name + "'");
        }
        return Optional.empty();
    }

    /**
     * The labels a snapshot of a run keeps of {@code runLabels}: all but the one naming the snapshot the run was
     * made from, which the new snapshot's runs set to their own.
     */
    public static Map<String, String> labelsKeptOf(Map<String, String> runLabels) {
        Map<String, String> kept = new LinkedHashMap<>(runLabels);
        kept.remove(LABEL);
        return Collections.unmodifiableMap(kept);
    }
}
