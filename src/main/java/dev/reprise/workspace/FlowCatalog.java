package dev.reprise.workspace;

import dev.reprise.engine.FlowStore;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowException;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.FlowValidator;
import dev.reprise.flow.Ids;
import dev.reprise.flow.Problem;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The workspace's flows: their stored revisions, applying a source as a new revision when it changed,
 * validating one, and each revision parsed once (revisions never change, so both the revision read and its
 * parse are kept). Thread-safe.
 */
final class FlowCatalog {

    private final FlowStore store;
    private final FlowValidator validator;
    private final Clock clock;
    private final FlowParser parser = new FlowParser();
    private final Map<String, Flow> parsed = new ConcurrentHashMap<>();
    private final Map<String, FlowRevision> revisions = new ConcurrentHashMap<>();

    FlowCatalog(FlowStore store, FlowValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    List<FlowSummary> flows() {
        List<FlowSummary> result = new ArrayList<>();
        for (FlowRevision latest : store.latestOfEach()) {
            String description = null;
            try {
                description = flow(latest).description();
            } catch (RuntimeException e) {
                // a stored revision always parsed once; if the parser changed, list it without a description
            }
            result.add(new FlowSummary(latest.flowId(), description, latest.revision(), latest.createdAt()));
        }
        return result;
    }

    List<FlowRevision> revisions(String flowId) {
        List<FlowRevision> found = store.revisions(flowId);
        if (found.isEmpty()) {
            throw new NotFoundException("no flow '" + flowId + "' in this workspace");
        }
        return found;
    }

    /** Revision {@code requested} of the flow, or its latest when {@code requested} is null. */
    FlowRevision revision(String flowId, Integer requested) {
        // for the latest, ask the number only: the source of a known revision is cached (reading it again
        // costs, and H2 keeps every large value it read for a while)
        int revision = requested != null ? requested : store.latestRevision(flowId)
                .orElseThrow(() -> new NotFoundException("no flow '" + flowId + "' in this workspace"));
        String key = flowId + "@" + revision;
        FlowRevision cached = revisions.get(key);
        if (cached != null) {
            return cached;
        }
        FlowRevision found = store.revision(flowId, revision).orElse(null);
        if (found != null) {
            revisions.put(key, found);
            return found;
        }
        throw new NotFoundException(
                store.latest(flowId).map(l -> "flow '" + flowId + "' has no revision " + revision
                        + " (revisions 1 to " + l.revision() + ")")
                        .orElse("no flow '" + flowId + "' in this workspace"));
    }

    /**
     * Stores {@code source} as the flow's next revision if it differs from the latest; refuses an invalid one. A
     * flow kept as a folder keeps the files of its latest revision (its YAML was edited alone), and is checked
     * against them.
     */
    ApplyResult apply(String source, String fileName) {
        Flow flow = check(source, fileName, this::latestFiles);
        return save(flow, source, flow.code());
    }

    /**
     * As {@link #apply(String, String)} for a flow kept as a folder, whose other {@code files} the artifact
     * store holds already: a revision differs from the latest when its source or any file does.
     */
    ApplyResult apply(String source, String fileName, List<FlowFile> files) {
        return save(check(source, fileName, flowId -> files), source, files);
    }

    private ApplyResult save(Flow flow, String source, List<FlowFile> files) {
        List<FlowFile> sorted = files.stream().sorted(Comparator.comparing(FlowFile::path)).toList();
        var saved = store.save(flow.id(), source, FlowFolder.revisionDigest(source, sorted), sorted,
                clock.instant());
        parsed.put(key(saved.revision()), flow.withCode(saved.revision().files()));
        return new ApplyResult(saved.revision(), saved.created());
    }

    /** Every problem {@link #apply(String, String)} would refuse {@code source} for. */
    List<Problem> validate(String source, String fileName) {
        return validator.check(source, fileName, this::latestFiles);
    }

    /** Every problem {@link #apply(String, String, List)} would refuse {@code source} with {@code files} for. */
    List<Problem> validate(String source, String fileName, List<FlowFile> files) {
        return validator.check(source, fileName, flowId -> files);
    }

    /** The files of the flow's latest revision: none for a new flow, or one that is no folder. */
    private List<FlowFile> latestFiles(String flowId) {
        if (Ids.flowIdProblem(flowId).isPresent()) {
            return List.of();
        }
        OptionalInt latest = store.latestRevision(flowId);
        return latest.isEmpty() ? List.of() : revision(flowId, latest.getAsInt()).files();
    }

    /** The revision's flow, parsed once, with the revision's files as its code. */
    Flow flow(FlowRevision revision) {
        return parsed.computeIfAbsent(key(revision), k -> parser.parse(revision.source(),
                revision.flowId() + "@" + revision.revision()).withCode(revision.files()));
    }

    private Flow check(String source, String fileName, Function<String, List<FlowFile>> codeOf) {
        try {
            return validator.load(source, fileName, codeOf);
        } catch (FlowException e) {
            throw new InvalidInputException(e.problems());
        }
    }

    private static String key(FlowRevision revision) {
        return revision.flowId() + "@" + revision.revision();
    }
}
