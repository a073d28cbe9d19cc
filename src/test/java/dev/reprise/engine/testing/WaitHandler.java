package dev.reprise.engine.testing;

import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.util.Map;

/** A test step type that waits until cancelled or until {@code millis} passed, logging as it goes. */
public final class WaitHandler implements StepHandler<WaitHandler.Inputs> {

    public record Inputs(@StepInput(required = true) Long millis, String message) {
    }

    @Override
    public String type() {
        return "test.wait";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        context.log().println("waiting " + inputs.millis() + " ms");
        long until = System.currentTimeMillis() + inputs.millis();
        while (System.currentTimeMillis() < until) {
            if (context.isCancelled()) {
                throw new InterruptedException("stopped while waiting");
            }
            Thread.sleep(10);
        }
        return Map.of("waited", inputs.millis(), "message", inputs.message() == null ? "" : inputs.message());
    }
}
