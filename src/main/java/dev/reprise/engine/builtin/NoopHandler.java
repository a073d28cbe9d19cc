package dev.reprise.engine.builtin;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;

import java.util.Map;

/**
 * {@code noop}: does nothing and has no outputs; the engine benchmark runs thousands of them, so it neither
 * logs nor allocates. Stateless and thread-safe.
 */
public final class NoopHandler implements StepHandler<NoopHandler.Inputs> {

    /** {@code noop} takes no inputs. */
    public record Inputs() {
    }

    @Override
    public String type() {
        return "noop";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Does nothing; for tests and benchmarks of the engine";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) {
        return Map.of();
    }
}
