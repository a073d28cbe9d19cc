package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code list.range}: a list of {@code count} consecutive numbers from {@code start}, or with a
 * {@code prefix} ids like {@code shard-007} (zero-padded to the same width) — something to fan out over.
 * Stateless and thread-safe.
 */
public final class ListRangeHandler implements StepHandler<ListRangeHandler.Inputs> {

    /** The inputs of {@code list.range}. */
    public record Inputs(
            @StepInput(required = true, description = "How many items (0 to 100,000)")
            Integer count,
            @StepInput(description = "The first number (default 0)")
            Integer start,
            @StepInput(description = "When given, items are text: prefix + zero-padded number, e.g. shard- gives shard-000")
            String prefix) {
    }

    private static final int MAX_COUNT = 100_000;

    @Override
    public String type() {
        return "list.range";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Answers a list of consecutive numbers or ids, to fan out over";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) {
        if (inputs.count() == null || inputs.count() < 0 || inputs.count() > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT + ", was " + inputs.count());
        }
        int count = inputs.count();
        int start = inputs.start() == null ? 0 : inputs.start();
        List<Object> items = new ArrayList<>(count);
        if (inputs.prefix() == null) {
            for (int i = 0; i < count; i++) {
                items.add(start + i);
            }
        } else {
            int width = String.valueOf(Math.max(start, start + count - 1)).length();
            String format = "%s%0" + width + "d";
            for (int i = 0; i < count; i++) {
                items.add(String.format(Locale.ROOT, format, inputs.prefix(), start + i));
            }
        }
        context.log().printf("%d items%s%n", count, count == 0 ? "" : ", " + items.get(0) + " … " + items.get(count - 1));
        return Map.of("items", items, "count", count);
    }
}
