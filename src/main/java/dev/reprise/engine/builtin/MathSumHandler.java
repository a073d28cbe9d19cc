package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code math.sum}: the sum, count, mean, minimum and maximum of a list of numbers — typically the
 * fan-in of a {@code foreach} step's numeric output. Exact (decimal) arithmetic; whole results are
 * integers. Stateless and thread-safe.
 */
public final class MathSumHandler implements StepHandler<MathSumHandler.Inputs> {

    /** The inputs of {@code math.sum}. */
    public record Inputs(
            @StepInput(required = true, description = "The numbers, e.g. {{ steps.count.outputs.trips }}")
            List<BigDecimal> values) {
    }

    @Override
    public String type() {
        return "math.sum";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Sums a list of numbers (also count, mean, min, max)";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) {
        if (inputs.values() == null) {
            throw new IllegalArgumentException("values is required: a list of numbers");
        }
        List<BigDecimal> values = inputs.values();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min = null;
        BigDecimal max = null;
        for (int i = 0; i < values.size(); i++) {
            BigDecimal value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException("values[" + i + "] is null; every item must be a number");
            }
            sum = sum.add(value);
            min = min == null || value.compareTo(min) < 0 ? value : min;
            max = max == null || value.compareTo(max) > 0 ? value : max;
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("sum", Numbers.plain(sum));
        outputs.put("count", values.size());
        if (!values.isEmpty()) {
            outputs.put("mean", Numbers.plain(sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64)));
            outputs.put("min", Numbers.plain(min));
            outputs.put("max", Numbers.plain(max));
        }
        context.log().printf("sum of %d values: %s%n", values.size(), outputs.get("sum"));
        return outputs;
    }
}
