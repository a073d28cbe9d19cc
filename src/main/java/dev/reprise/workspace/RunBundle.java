package dev.reprise.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.FlowRevision;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run as one portable record, for moving it between workspaces: the {@link Run}, its {@link StepRun}s,
 * the {@link FlowRevision} it ran, and the artifacts whose bytes travel with it ({@code artifacts}: a subset
 * of those the run references, or all of them; the bytes themselves come from an {@link ArtifactSource}).
 * {@code origin} says where the run lives ({@code server:http://host:port}, {@code workspace:…}); an
 * importing workspace records it as the run's {@code target}. Immutable; Jackson-serializable.
 */
public record RunBundle(int format, String origin, FlowRevision flow, Run run, List<StepRun> steps,
                        List<ArtifactRef> artifacts) {

    /** The version of this record's layout, written into exported files. */
    public static final int FORMAT = 1;

    public RunBundle {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(flow, "flow");
        steps = steps == null ? List.of() : List.copyOf(steps);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    public static RunBundle of(String origin, FlowRevision flow, RunDetail detail, Collection<ArtifactRef> artifacts) {
        return new RunBundle(FORMAT, origin, flow, detail.run(), detail.steps(), List.copyOf(artifacts));
    }

    /**
     * The files of a flow folder's revision as artifact references (named by their paths): they travel with a run
     * of it, so that the imported revision runs the same code.
     */
    public static List<ArtifactRef> codeOf(FlowRevision flow) {
        return flow.files().stream().map(f -> new ArtifactRef(f.sha256(), f.path(), null, f.size())).toList();
    }

    /**
     * The origin a run of {@code workspace} records when imported: {@code server:URL} for a server, and for a
     * local workspace its folder's name alone ({@code workspace:ws}), since where the folder lies on the exporting
     * machine is of no use elsewhere and not for an export to tell.
     */
    public static String originOf(Workspace workspace) {
        String location = workspace.location();
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return "server:" + location;
        }
        Path name = Path.of(location).getFileName();
        return "workspace:" + (name == null ? "" : name);
    }

    public RunBundle withArtifacts(Collection<ArtifactRef> carried) {
        return new RunBundle(format, origin, flow, run, steps, List.copyOf(carried));
    }

    /** Every artifact the run references: in its parameters and outputs, and in its steps' inputs and outputs. */
    public static List<ArtifactRef> referenced(Run run, List<StepRun> steps) {
        Map<String, ArtifactRef> found = new LinkedHashMap<>();
        run.parameters().values().forEach(value -> collect(value, found));
        run.outputs().values().forEach(value -> collect(value, found));
        for (StepRun step : steps) {
            step.inputs().values().forEach(value -> collect(value, found));
            step.outputs().values().forEach(value -> collect(value, found));
        }
        return List.copyOf(found.values());
    }

    /** Adds every artifact reference inside {@code value} (lists and objects included) to {@code into}, by digest. */
    public static void collect(JsonNode value, Map<String, ArtifactRef> into) {
        if (value == null) {
            return;
        }
        if (ArtifactRef.isRef(value)) {
            ArtifactRef.from(value).ifPresent(ref -> into.putIfAbsent(ref.sha256(), ref));
            return;
        }
        if (value.isContainerNode()) {
            value.elements().forEachRemaining(child -> collect(child, into));
        }
    }
}
