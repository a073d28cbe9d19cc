package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ml.select_best}: picks, from a list of metric objects (the fan-in of {@code ml.evaluate}), the one
 * with the highest (or lowest) value of one metric; the first wins a tie. Stateless and thread-safe.
 */
public final class MlSelectBestHandler implements StepHandler<MlSelectBestHandler.Inputs> {

    /** The inputs of {@code ml.select_best}. */
    public record Inputs(
            @StepInput(required = true, description = "Metric objects, e.g. {{ steps.evaluate.outputs.metrics }}")
            List<JsonNode> candidates,
            @StepInput(description = "The metric to compare (default accuracy)")
            String metric,
            @StepInput(description = "max (default) when higher is better, min when lower is better (e.g. loss)")
            String mode) {

        public Inputs {
            candidates = candidates == null ? null : Collections.unmodifiableList(new ArrayList<>(candidates));
        }
    }

    @Override
    public String type() {
        return "ml.select_best";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Picks the candidate with the best value of a metric";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) {
        List<JsonNode> candidates = inputs.candidates();
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates is empty: there is nothing to choose from");
        }
        String metric = inputs.metric() == null ? "accuracy" : inputs.metric();
        String mode = inputs.mode() == null ? "max" : inputs.mode().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("max") && !mode.equals("min")) {
            throw new IllegalArgumentException("mode must be max or min, was '" + inputs.mode() + "'");
        }
        int best = -1;
        double bestValue = Double.NaN;
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            JsonNode value = candidate == null ? null : candidate.get(metric);
            if (value == null || !value.isNumber()) {
                List<String> names = new ArrayList<>();
                if (candidate != null) {
                    candidate.fieldNames().forEachRemaining(names::add);
                }
                throw new IllegalArgumentException("candidate " + i + " has no numeric '" + metric + "'"
                        + (names.isEmpty() ? "" : " (it has: " + String.join(", ", names) + ")"));
            }
            double v = value.asDouble();
            context.log().printf("candidate %d: %s = %s%n", i, metric, v);
            if (best < 0 || (mode.equals("max") ? v > bestValue : v < bestValue)) {
                best = i;
                bestValue = v;
            }
        }
        context.log().printf("best: candidate %d with %s = %s%n", best, metric, bestValue);
        return Map.of("best", candidates.get(best), "index", best, "value", bestValue);
    }
}
