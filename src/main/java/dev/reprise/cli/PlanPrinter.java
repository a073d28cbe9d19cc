package dev.reprise.cli;

import dev.reprise.run.ReplayPlan;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/** Prints a replay plan as a table with its warnings and errors. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static void print(PrintWriter out, PrintWriter err, Screen screen, ReplayPlan plan) {
        out.println("replay of " + plan.sourceRunId() + " (" + plan.flowId() + " revision " + plan.sourceRevision()
                + ") with revision " + plan.revision());
        plan.parameters().forEach((k, v) -> out.println("input  " + k + " = " + Format.value(v)));
        if (!plan.steps().isEmpty()) {
            out.println();
            Format.table(out, screen, List.of("STEP", "ACTION", "WHY"), Set.of("WHY"), plan.steps(),
                    step -> List.of(step.stepId(), step.action().name() + (step.stale() ? " (stale)" : ""),
                            step.reason() + (step.source() != null && step.action() == ReplayPlan.Action.REUSE
                                    ? " [" + step.source().runId() + "/" + step.source().stepId() + "]" : "")));
        }
        plan.warnings().forEach(w -> out.println("warning: " + w));
        plan.errors().forEach(e -> err.println("error: " + e));
    }
}
