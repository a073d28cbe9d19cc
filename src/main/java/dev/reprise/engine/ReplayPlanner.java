package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.FileGlobs;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowGraph;
import dev.reprise.flow.InputSpec;
import dev.reprise.flow.InputType;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeCatalog;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.flow.Templates;
import dev.reprise.run.Attempt;
import dev.reprise.run.Json;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan.PlanError;
import dev.reprise.run.ReplayPlan.PlannedStep;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.StepAddress;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepRunRef;
import dev.reprise.run.StepState;
import dev.reprise.run.ValuePath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides what a replay does, as a pure function of the source run, the flow revisions and the request:
 * for every step (or fan-out instance) execute, reuse, inject or omit, each with its reason. The rules:
 * a step is reused only if it succeeded in the source run, nothing it receives changed (parameters, its
 * own inputs, its definition in the chosen revision) and everything upstream of it is reused too; a step
 * that receives anything new is executed with everything downstream of it ("stale"), whatever the scope,
 * so that a replay never mixes outputs computed from old inputs with new ones. Invalid requests produce a
 * plan with every error and no decisions. Thread-safe (stateless apart from the catalog).
 */
public final class ReplayPlanner {


    private final StepTypeCatalog catalog;
    private final Function<StepDef, String> fingerprints;

    /** A planner that does not compare the code of Java step handlers (as for a flow of another engine). */
    public ReplayPlanner(StepTypeCatalog catalog) {
        this(catalog, step -> null);
    }

    /**
     * @param fingerprints the fingerprint of the code that would run a step now (as {@link Engine#fingerprint}),
     *                     or null when unknown: a Java handler whose fingerprint differs from the one its source
     *                     attempt ran with makes the step stale
     */
    public ReplayPlanner(StepTypeCatalog catalog, Function<StepDef, String> fingerprints) {
        this.catalog = catalog;
        this.fingerprints = fingerprints;
    }

    /** The run being replayed: its record and its step runs. */
    public record Source(Run run, List<StepRun> steps) {
        public Source {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Plans {@code request} against {@code source}, whose flow revision was {@code sourceFlow}, for
     * {@code targetFlow} (revision {@code targetRevision}; the same flow when the revision did not change).
     */
    public ReplayPlan plan(Source source, Flow sourceFlow, Flow targetFlow, int targetRevision, ReplayRequest request) {
        return new Planning(source, sourceFlow, targetFlow, targetRevision, request).plan();
    }

    /** The state of one planning: collects errors, warnings and decisions. */
    private final class Planning {
        private final Source source;
        private final Flow sourceFlow;
        private final Flow target;
        private final int targetRevision;
        private final ReplayRequest request;
        private final FlowGraph graph;
        private final Map<String, StepRun> sourceSteps = new LinkedHashMap<>();
        private final Map<String, List<StepRun>> sourceInstances = new HashMap<>();
        private final List<PlanError> errors = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** Step name → the plugin code its source attempt ran with, for the steps a plugin ran (most have none). */
        private final Map<String, String> pluginCodeRan = new HashMap<>();
        /**
         * What differs between the two revisions' files a step uses, by the step's {@code files:} globs (empty: all
         * the files), once per distinct glob list; a null value: nothing.
         */
        private final Map<List<String>, Optional<String>> filesChanged = new HashMap<>();

        Planning(Source source, Flow sourceFlow, Flow target, int targetRevision, ReplayRequest request) {
            this.source = source;
            this.sourceFlow = sourceFlow;
            this.target = target;
            this.targetRevision = targetRevision;
            this.request = request;
            this.graph = FlowGraph.of(target);
            for (StepRun step : source.steps()) {
                List<Attempt> attempts = step.attempts();
                String fingerprint = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).fingerprint();
                if (fingerprint != null && isPluginCode(fingerprint)) {
                    pluginCodeRan.putIfAbsent(step.stepName(), WorkingFolder.handlerPart(fingerprint));
                }
            }
            for (StepRun step : source.steps()) {
                sourceSteps.put(step.stepId(), step);
                sourceInstances.computeIfAbsent(step.stepName(), k -> new ArrayList<>()).add(step);
            }
            sourceInstances.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.index(), b.index())));
        }

        ReplayPlan plan() {
            Map<String, JsonNode> parameters = parameters();
            checkScope();
            checkStepInputs();
            checkOutputs();
            if (!errors.isEmpty()) {
                return result(parameters, List.of());
            }
            Set<String> changedParameters = new LinkedHashSet<>();
            parameters.forEach((k, v) -> {
                if (!Json.same(source.run().parameters().get(k), v)) {
                    changedParameters.add(k);
                }
            });
            source.run().parameters().keySet().stream().filter(k -> !parameters.containsKey(k))
                    .forEach(changedParameters::add);
            List<PlannedStep> steps = decide(changedParameters);
            if (steps.stream().noneMatch(s -> s.action() == Action.EXECUTE || s.action() == Action.INJECT)) {
                errors.add(new PlanError("scope", "the replay of " + request.scope() + " selects nothing to execute: "
                        + "every step succeeded in run " + source.run().id() + " and nothing was changed"));
                return result(parameters, List.of());
            }
            warnWhenWider(steps);
            if (!request.env().isEmpty() && steps.stream().anyMatch(s -> s.action() == Action.REUSE)) {
                warnings.add("environment overrides apply only to executed steps; reused steps keep the outputs "
                        + "they computed with the source run's environment");
            }
            return result(parameters, steps);
        }

        /**
         * Warns when an edit (a changed definition, parameter or input) makes the replay execute steps the scope
         * did not ask for — a whole fan-out where one instance was named, an upstream step of --from, a step that
         * had succeeded in a replay of the failed part — so that a selection never widens silently.
         */
        private void warnWhenWider(List<PlannedStep> steps) {
            ReplayScope scope = request.scope();
            if (scope.kind() == ReplayScope.Kind.WHOLE) {
                return;
            }
            Set<String> fromClosure = scope.kind() == ReplayScope.Kind.FROM
                    ? graph.downstreamClosure(nameOf(scope.steps().get(0))) : Set.of();
            List<String> beyond = new ArrayList<>();
            for (PlannedStep step : steps) {
                if (step.action() != Action.EXECUTE || !step.stale()) {
                    continue;
                }
                boolean asked = switch (scope.kind()) {
                    case ONLY -> scope.steps().contains(step.stepId()) || scope.steps().contains(step.stepName());
                    case FROM -> fromClosure.contains(step.stepName());
                    case FAILED -> instancesOf(step).stream().anyMatch(s -> !s.state().hasOutputs())
                            || instancesOf(step).isEmpty();
                    case WHOLE -> true;
                };
                if (!asked) {
                    int instances = step.stepId().equals(step.stepName())
                            ? sourceInstances.getOrDefault(step.stepName(), List.of()).size() : 1;
                    beyond.add(step.stepId() + (instances > 1 ? " (all " + instances + " instances)" : "")
                            + ": " + step.reason());
                }
            }
            if (!beyond.isEmpty()) {
                warnings.add("the replay runs more than " + scope + " asks, because a change reaches "
                        + (beyond.size() == 1 ? "this step" : "these " + beyond.size() + " steps") + ": "
                        + String.join("; ", beyond.subList(0, Math.min(5, beyond.size())))
                        + (beyond.size() > 5 ? "; …" : ""));
            }
        }

        /** The source run's step runs of a decision: its instance, or every instance of its step. */
        private List<StepRun> instancesOf(PlannedStep step) {
            StepRun one = sourceSteps.get(step.stepId());
            if (one != null && !one.isFanOutInstance() || !step.stepId().equals(step.stepName())) {
                return one == null ? List.of() : List.of(one);
            }
            return sourceInstances.getOrDefault(step.stepName(), List.of());
        }

        private ReplayPlan result(Map<String, JsonNode> parameters, List<PlannedStep> steps) {
            return new ReplayPlan(source.run().id(), target.id(), source.run().revision(), targetRevision,
                    parameters, errors.isEmpty() ? steps : List.of(), warnings, errors);
        }

        // ---- validation

        private Map<String, JsonNode> parameters() {
            Map<String, JsonNode> result = new LinkedHashMap<>();
            request.parameterOverrides().keySet().stream().filter(k -> !target.inputs().containsKey(k)).forEach(k ->
                    errors.add(PlanError.at(new ValuePath.Parameter(k), target.unknownInput("flow '" + target.id()
                            + "' revision " + targetRevision, k))));
            for (InputSpec spec : target.inputs().values()) {
                JsonNode value = request.parameterOverrides().get(spec.name());
                if (value == null) {
                    value = source.run().parameters().get(spec.name());
                    if (value == null) {
                        value = spec.defaultValue();
                        if (value != null && targetRevision != source.run().revision()) {
                            warnings.add("input '" + spec.name() + "' is new in revision " + targetRevision
                                    + "; it takes its default " + value);
                        }
                    }
                }
                if (value == null || value.isNull()) {
                    errors.add(PlanError.at(new ValuePath.Parameter(spec.name()), "input '" + spec.name()
                            + "' is required in revision " + targetRevision + " and the source run has no value for it"));
                    continue;
                }
                try {
                    result.put(spec.name(), spec.check(value));
                } catch (IllegalArgumentException e) {
                    errors.add(PlanError.at(new ValuePath.Parameter(spec.name()), e.getMessage()));
                }
            }
            source.run().parameters().keySet().stream().filter(k -> !target.inputs().containsKey(k)).forEach(k ->
                    warnings.add("input '" + k + "' of the source run no longer exists in revision " + targetRevision));
            return result;
        }

        private void checkScope() {
            ReplayScope scope = request.scope();
            switch (scope.kind()) {
                case WHOLE, FAILED -> {
                    if (!scope.steps().isEmpty()) {
                        errors.add(new PlanError("scope", scope.kind() + " takes no steps"));
                    }
                }
                case FROM -> {
                    if (scope.steps().size() != 1) {
                        errors.add(new PlanError("scope", "FROM takes exactly one step, got " + scope.steps()));
                    } else {
                        checkAddress(scope.steps().get(0), "scope");
                    }
                }
                case ONLY -> {
                    if (scope.steps().isEmpty()) {
                        errors.add(new PlanError("scope", "ONLY needs at least one step"));
                    }
                    scope.steps().forEach(s -> checkAddress(s, "scope"));
                }
            }
        }

        /** A step name of the target flow, or an instance id of a fan-out step that exists in the source run. */
        private boolean checkAddress(String address, String field) {
            StepAddress parsed = StepAddress.parse(address);
            if (parsed.isInstance()) {
                String name = parsed.step();
                if (!target.steps().containsKey(name)) {
                    errors.add(new PlanError(field, unknownStep(name)));
                    return false;
                }
                if (!target.step(name).isFanOut()) {
                    errors.add(new PlanError(field, "step '" + name + "' is not a fan-out step; address it as '"
                            + name + "'"));
                    return false;
                }
                if (!sourceSteps.containsKey(address)) {
                    int n = sourceInstances.getOrDefault(name, List.of()).size();
                    errors.add(new PlanError(field, "run " + source.run().id() + " has no instance " + address
                            + (n == 0 ? " (step '" + name + "' never fanned out)" : " (instances " + name + "[0] to "
                            + name + "[" + (n - 1) + "])")));
                    return false;
                }
                return true;
            }
            if (!target.steps().containsKey(address)) {
                errors.add(new PlanError(field, unknownStep(address)));
                return false;
            }
            return true;
        }

        private String unknownStep(String name) {
            return "flow '" + target.id() + "' revision " + targetRevision + " has no step '" + name + "' (steps: "
                    + String.join(", ", target.steps().keySet()) + ")";
        }

        private void checkStepInputs() {
            request.stepInputOverrides().forEach((address, inputs) -> {
                if (!checkAddress(address, ValuePath.StepInputs.of(address).toString())) {
                    return;
                }
                StepDef step = target.step(nameOf(address));
                StepTypeInfo info = catalog.find(step.type()).orElse(null);
                inputs.forEach((input, value) -> {
                    ValuePath field = ValuePath.StepInput.of(address, input);
                    if (!StepTypeInfo.takes(step, info, input)) {
                        errors.add(PlanError.at(field, "step '" + step.id() + "' (" + step.type()
                                + ") has no input '" + input + "'"));
                        return;
                    }
                    InputType type = info == null ? null : info.inputs().get(input);
                    if (type != null && value != null && !Templates.isTemplate(value.asText(""))) {
                        try {
                            type.coerce(value);
                        } catch (IllegalArgumentException e) {
                            errors.add(PlanError.at(field, "input '" + input + "' of step '" + step.id()
                                    + "': " + e.getMessage()));
                        }
                    }
                });
            });
        }

        private void checkOutputs() {
            request.outputOverrides().forEach((address, outputs) -> {
                ValuePath field = ValuePath.InjectedOutputs.of(address);
                if (!checkAddress(address, field.toString())) {
                    return;
                }
                if (target.step(nameOf(address)).isFanOut() && !StepAddress.parse(address).isInstance()) {
                    errors.add(PlanError.at(field, "inject the outputs of a fan-out step per instance, e.g. "
                            + address + "[0]"));
                }
                if (outputs.isEmpty()) {
                    errors.add(PlanError.at(field, "no outputs given"));
                }
            });
        }

        // ---- decisions

        /** Why a step must run: the reason, and whether an edit (not the scope) forced it. */
        private record Forced(String reason, boolean stale) {
        }

        private List<PlannedStep> decide(Set<String> changedParameters) {
            Set<String> onlyNames = new HashSet<>();
            Set<String> onlyInstances = new HashSet<>();
            boolean only = request.scope().kind() == ReplayScope.Kind.ONLY;
            if (only) {
                for (String address : request.scope().steps()) {
                    if (StepAddress.parse(address).isInstance()) {
                        onlyInstances.add(address);
                    }
                    onlyNames.add(nameOf(address));
                }
            }
            String fromStep = request.scope().kind() == ReplayScope.Kind.FROM
                    ? nameOf(request.scope().steps().get(0)) : null;
            Set<String> fromClosure = fromStep != null ? graph.downstreamClosure(fromStep) : Set.of();
            Set<String> needed = new HashSet<>();
            onlyNames.forEach(n -> needed.addAll(graph.upstreamClosure(n)));
            Map<String, Boolean> executed = new HashMap<>(); // step name -> executed because of an edit
            Set<String> omitted = new HashSet<>();
            List<PlannedStep> decisions = new ArrayList<>();
            for (String name : graph.topologicalOrder()) {
                StepDef def = target.step(name);
                List<StepRun> instances = sourceInstances.getOrDefault(name, List.of());
                if (only && !onlyNames.contains(name) && !needed.contains(name)) {
                    omitted.add(name);
                    boolean downstream = graph.upstreamClosure(name).stream().anyMatch(onlyNames::contains);
                    decisions.add(new PlannedStep(name, name, Action.OMIT, (downstream
                            ? "downstream of the replayed steps" : "not needed by the replayed steps")
                            + "; not part of the replay of " + request.scope(), null, false));
                    continue;
                }
                Forced forced = switch (request.scope().kind()) {
                    case WHOLE -> new Forced("the whole run is replayed", false);
                    case FROM -> !fromClosure.contains(name) ? null : name.equals(fromStep)
                            ? new Forced("the replay starts here", false)
                            : new Forced("downstream of " + fromStep, false);
                    case FAILED, ONLY -> null;
                };
                if (forced == null) {
                    forced = edited(def, changedParameters, executed);
                }
                boolean byInstance = def.isFanOut() && forced == null && !instances.isEmpty()
                        && instances.stream().allMatch(StepRun::isFanOutInstance);
                List<PlannedStep> mine = new ArrayList<>();
                if (byInstance) {
                    instances.forEach(i -> mine.add(decideOne(i.stepId(), name, List.of(i), null, onlyNames,
                            onlyInstances)));
                } else {
                    mine.add(decideOne(name, name, instances, forced, onlyNames, onlyInstances));
                }
                if (only && !onlyNames.contains(name)) {
                    // an input of the replayed steps: reused, or run again only because an edit reaches it
                    mine.stream().filter(d -> d.action() == Action.EXECUTE && !d.stale()).forEach(d ->
                            errors.add(new PlanError("scope", "cannot replay only " + String.join(", ",
                                    request.scope().steps()) + ": its input comes from step " + d.stepId()
                                    + ", which " + d.reason() + "; replay from " + name
                                    + " or the failed part instead")));
                }
                List<PlannedStep> run = mine.stream().filter(d -> d.action() != Action.REUSE).toList();
                if (!run.isEmpty()) {
                    executed.put(name, run.stream().anyMatch(PlannedStep::stale));
                }
                decisions.addAll(mine);
            }
            return decisions;
        }

        /** The decision for one step (all its instances) or one fan-out instance. */
        private PlannedStep decideOne(String id, String name, List<StepRun> instances, Forced forced,
                                      Set<String> onlyNames, Set<String> onlyInstances) {
            Map<String, JsonNode> injected = request.outputOverrides().get(id);
            if (injected != null) {
                StepRun from = instances.size() == 1 ? instances.get(0) : null;
                return new PlannedStep(id, name, Action.INJECT, "outputs " + String.join(", ", injected.keySet())
                        + " given by the request", from == null ? null : producer(from), false);
            }
            Map<String, JsonNode> overridden = new LinkedHashMap<>();
            if (request.stepInputOverrides().containsKey(name)) {
                overridden.putAll(request.stepInputOverrides().get(name));
            }
            if (!id.equals(name) && request.stepInputOverrides().containsKey(id)) {
                overridden.putAll(request.stepInputOverrides().get(id));
            }
            boolean selected = request.scope().kind() == ReplayScope.Kind.ONLY && (onlyInstances.contains(id)
                    || (onlyNames.contains(name) && request.scope().steps().contains(name)));
            if (!overridden.isEmpty()) {
                return new PlannedStep(id, name, Action.EXECUTE, "input" + (overridden.size() > 1 ? "s " : " ")
                        + String.join(", ", overridden.keySet()) + " changed by override", null,
                        forced == null && !selected);
            }
            if (forced != null) {
                return new PlannedStep(id, name, Action.EXECUTE, forced.reason(), null, forced.stale());
            }
            if (selected) {
                return new PlannedStep(id, name, Action.EXECUTE, "selected for replay", null, false);
            }
            if (instances.isEmpty()) {
                return new PlannedStep(id, name, Action.EXECUTE, "never ran in run " + source.run().id(), null, false);
            }
            StepRun bad = instances.stream().filter(s -> !s.state().hasOutputs()).findFirst().orElse(null);
            if (bad != null) {
                String reason = bad.state().name().toLowerCase(Locale.ROOT) + " in run " + source.run().id()
                        + (instances.size() > 1 ? " (" + bad.stepId() + ")" : "");
                String child = childToReplay(name, instances);
                if (child != null) {
                    return new PlannedStep(id, name, Action.EXECUTE, reason + "; replays the failed part of its "
                            + "child run " + child + " as a new child run", null, false, child);
                }
                return new PlannedStep(id, name, Action.EXECUTE, reason, null, false);
            }
            StepRun first = instances.get(0);
            return new PlannedStep(id, name, Action.REUSE, "succeeded in run " + producer(first).runId()
                    + (instances.size() > 1 ? " (" + instances.size() + " instances)" : ""),
                    instances.size() == 1 ? producer(first) : new StepRunRef(producer(first).runId(), name), false);
        }

        /**
         * The child run whose failed part a step that runs another pipeline replays, rather than starting its
         * flow anew: in a replay of the failed part, when the step (one instance) did not succeed after starting
         * a child and nothing it sends changed. Null otherwise.
         */
        private String childToReplay(String name, List<StepRun> instances) {
            if (request.scope().kind() != ReplayScope.Kind.FAILED || instances.size() != 1
                    || !ChildRunStep.TYPE.equals(target.step(name).type())) {
                return null;
            }
            Attempt last = instances.getFirst().lastAttempt();
            return last == null ? null : last.childRunId();
        }

        /**
         * Why a step must run again because of an edit — a new or changed definition, a changed parameter it
         * reads — or because a step upstream runs again; null if neither. Such a step is stale when the
         * cause is an edit (directly or through its upstream).
         */
        private Forced edited(StepDef def, Set<String> changedParameters, Map<String, Boolean> executed) {
            String name = def.id();
            StepDef before = sourceFlow.steps().get(name);
            if (before == null) {
                return new Forced("new in revision " + targetRevision, true);
            }
            if (!sameDefinition(before, def)) {
                return new Forced("definition changed in revision " + targetRevision, true);
            }
            String files = filesChanged(def);
            if (files != null) {
                return new Forced(files + " in revision " + targetRevision, true);
            }
            Forced codeChanged = codeChanged(def);
            if (codeChanged != null) {
                return codeChanged;
            }
            Set<String> reads = new LinkedHashSet<>();
            def.inputs().values().forEach(v -> reads.addAll(Templates.inputReferences(v)));
            if (def.foreach() != null) {
                reads.addAll(Templates.inputReferences(TextNode.valueOf(def.foreach())));
            }
            for (String input : reads) {
                if (changedParameters.contains(input)) {
                    return new Forced("input " + input + " changed by override", true);
                }
            }
            for (String up : graph.upstreamOf(name)) {
                if (executed.containsKey(up)) {
                    return new Forced("upstream " + up + " is executed", executed.get(up));
                }
            }
            return null;
        }

        /** What differs between the two revisions' files that {@code def} uses; null if nothing. */
        private String filesChanged(StepDef def) {
            return filesChanged.computeIfAbsent(def.files(), globs -> Optional.ofNullable(changedFiles(
                    FileGlobs.select(sourceFlow.code(), globs), FileGlobs.select(target.code(), globs)))).orElse(null);
        }

        /**
         * Why a step whose definition did not change must run again because the code of its Java handler did —
         * a plugin jar replaced since the source attempt ran, seen in the attempt's fingerprint; null if it did
         * not, or if either fingerprint is unknown. Shell and Python steps are fingerprinted by their definition,
         * which {@link #sameDefinition} compares already; built-in handlers change only with the app.
         */
        private Forced codeChanged(StepDef def) {
            String ran = pluginCodeRan.get(def.id());
            if (ran == null) {
                return null;
            }
            String now;
            try {
                now = fingerprints.apply(def);
            } catch (RuntimeException unknown) {
                return null;
            }
            if (now == null || now.equals(ran)) {
                return null;
            }
            return new Forced("the code of its handler (" + def.type() + ") changed since run " + source.run().id()
                    + " ran it: " + shortly(ran) + " then, " + shortly(now) + " now", true);
        }

        private StepRunRef producer(StepRun step) {
            return step.state() == StepState.REUSED && step.reusedFrom() != null
                    ? step.reusedFrom() : new StepRunRef(step.runId(), step.stepId());
        }
    }

    /**
     * What differs between the files of two revisions, e.g. {@code file clean.py changed} or
     * {@code files a.py, b.py changed, c.py removed}; null if nothing. A step runs with the files it uses (all of
     * its flow's unless it names its own with {@code files:}), so a change among them makes it stale.
     */
    static String changedFiles(List<FlowFile> before, List<FlowFile> after) {
        Map<String, String> old = new HashMap<>();
        before.forEach(f -> old.put(f.path(), f.sha256()));
        Map<String, String> now = new HashMap<>();
        after.forEach(f -> now.put(f.path(), f.sha256()));
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        after.forEach(f -> {
            String was = old.get(f.path());
            if (was == null) {
                added.add(f.path());
            } else if (!was.equals(f.sha256())) {
                changed.add(f.path());
            }
        });
        before.stream().filter(f -> !now.containsKey(f.path())).forEach(f -> removed.add(f.path()));
        List<String> parts = new ArrayList<>();
        for (var part : List.of(Map.entry("changed", changed), Map.entry("added", added),
                Map.entry("removed", removed))) {
            if (!part.getValue().isEmpty()) {
                parts.add(String.join(", ", part.getValue()) + " " + part.getKey());
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        int count = changed.size() + added.size() + removed.size();
        return (count == 1 ? "file " : "files ") + String.join(", ", parts);
    }

    /** A fingerprint of a Java handler not shipped with the app: a plugin jar's digest, or its class. */
    private static boolean isPluginCode(String fingerprint) {
        return fingerprint.startsWith("jar:") || fingerprint.startsWith("class:");
    }

    private static String shortly(String fingerprint) {
        return fingerprint.startsWith("jar:") && fingerprint.length() > 16 ? fingerprint.substring(0, 16) + "…"
                : fingerprint;
    }

    private static String nameOf(String address) {
        return StepAddress.parse(address).step();
    }

    /** Whether two definitions of a step compute the same thing (retry and timeout do not change outputs). */
    static boolean sameDefinition(StepDef a, StepDef b) {
        return a.type().equals(b.type()) && a.inputs().equals(b.inputs()) && a.needs().equals(b.needs())
                && Objects.equals(a.foreach(), b.foreach()) && Objects.equals(a.run(), b.run())
                && a.command().equals(b.command()) && a.env().equals(b.env()) && Objects.equals(a.script(), b.script())
                && Objects.equals(a.file(), b.file()) && Objects.equals(a.function(), b.function())
                && Objects.equals(a.python(), b.python()) && a.files().equals(b.files());
    }
}
