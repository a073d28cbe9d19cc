package dev.reprise.cli;

import dev.reprise.run.ReplayPlan;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/** Prints a replay plan as a table with its warnings and errors. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    /**
     * Prints {@code plan} as {@code plan} and {@code replay --dry-run} do (JSON with {@code json}) and answers their
     * exit code: 0 if the replay could go, 2 if it would be refused.
     */
    static int report(RepriseCommand root, ReplayPlan plan, boolean json) {
        if (json) {
            Format.json(root.out, plan);
        } else {
            print(root.out, root.err, root.screen(), plan);
        }
        return plan.isExecutable() ? Cli.OK : Cli.BAD_INPUT;
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
