package dev.reprise.workspace;

import dev.reprise.engine.Engine;
import dev.reprise.engine.FlowStore;
import dev.reprise.engine.ReplayPlanner;
import dev.reprise.flow.Flow;
import dev.reprise.flow.Problem;
import dev.reprise.flow.SourcePos;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.RevisionChoice;
import dev.reprise.run.Run;
import dev.reprise.run.RunTrigger;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays: a request resolved against its source run (the revision it chose, its values in canonical form),
 * planned without running anything, and executed as a new run when the plan has no errors. Thread-safe.
 */
final class Replays {

    private final RunHistory history;
    private final FlowCatalog catalog;
    private final FlowStore flows;
    private final RunInputs inputs;
    private final ReplayPlanner planner;
    private final Engine engine;

    Replays(RunHistory history, FlowCatalog catalog, FlowStore flows, RunInputs inputs, ReplayPlanner planner,
            Engine engine) {
        this.history = history;
        this.catalog = catalog;
        this.flows = flows;
        this.inputs = inputs;
        this.planner = planner;
        this.engine = engine;
    }


    ReplayPlan plan(String runId, ReplayRequest request) {
        return prepare(runId, request, false).plan();
    }


    Run replay(String runId, ReplayRequest request) {
        return replay(runId, request, null);
    }

    /** Replays as {@link #replay(String, ReplayRequest)}, started by {@code trigger} when not null. */
    Run replay(String runId, ReplayRequest request, RunTrigger trigger) {
        Prepared prepared = prepare(runId, request, true);
        ReplayPlan plan = prepared.plan();
        if (!plan.isExecutable()) {
            throw new InvalidInputException(plan.errors().stream()
                    .map(e -> new Problem(SourcePos.unknown(e.field()), e.message())).toList());
        }
        return engine.replay(prepared.flow(), plan.revision(), plan, prepared.request(), prepared.source().run(),
                prepared.source().steps(), trigger);
    }


    /** A request resolved against its source run: the flow revision it runs and the plan. */
    private record Prepared(ReplayPlanner.Source source, Flow flow, ReplayRequest request, ReplayPlan plan) {
    }


    /** @param storeFiles whether files the request names are stored (a replay) or only described (a plan) */
    private Prepared prepare(String runId, ReplayRequest request, boolean storeFiles) {
        if (request == null) {
            throw new InvalidInputException("a replay request is required");
        }
        RunDetail detail = history.run(runId);
        Run source = detail.run();
        ReplayPlanner.Source from = new ReplayPlanner.Source(source, detail.steps());
        Flow sourceFlow = catalog.flow(catalog.revision(source.flowId(), source.revision()));
        List<ReplayPlan.PlanError> errors = new ArrayList<>();
        int targetRevision = source.revision();
        try {
            switch (request.revisionChoice()) {
                case RevisionChoice.Original ignored -> targetRevision = source.revision();
                case RevisionChoice.Latest ignored -> targetRevision = catalog.revision(source.flowId(), null).revision();
                case RevisionChoice.Numbered numbered -> {
                    if (flows.revision(source.flowId(), numbered.number()).isPresent()) {
                        targetRevision = numbered.number();
                    } else {
                        errors.add(new ReplayPlan.PlanError("revision", "flow '" + source.flowId()
                                + "' has no revision " + numbered.number() + " (revisions 1 to "
                                + catalog.revision(source.flowId(), null).revision() + ")"));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(new ReplayPlan.PlanError("revision", e.getMessage()));
        }
        Flow target = catalog.flow(catalog.revision(source.flowId(), targetRevision));
        ReplayRequest normalized = inputs.normalize(request, target, errors, storeFiles);
        ReplayPlan plan = planner.plan(from, sourceFlow, target, targetRevision, normalized);
        if (!errors.isEmpty()) {
            List<ReplayPlan.PlanError> all = new ArrayList<>(errors);
            all.addAll(plan.errors());
            plan = new ReplayPlan(plan.sourceRunId(), plan.flowId(), plan.sourceRevision(), plan.revision(),
                    plan.parameters(), List.of(), plan.warnings(), all);
        }
        return new Prepared(from, target, normalized, plan);
    }
}
