package dev.reprise.engine;

import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeInfo;

import java.util.List;

/**
 * Runs attempts of the step types it knows. {@link #execute} is called on a worker thread and blocks until
 * the attempt ends; {@link Cancellation#cancel} may be called from another thread to stop it (killing a
 * process tree or interrupting a handler). Implementations are thread-safe.
 */
public interface StepExecutor {

    /** The step types this executor runs, with what the validator must know of their inputs. */
    List<StepTypeInfo> types();

    /** The fingerprint of the code that runs {@code step} (recorded on each attempt). */
    String fingerprint(StepDef step);

    StepOutcome execute(StepInvocation invocation, Cancellation cancellation);
}
