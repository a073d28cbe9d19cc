package dev.reprise.engine.spi;

import java.util.Map;

/**
 * A {@code java} step type: Reprise binds the step's resolved inputs to a record of type {@code I} with
 * Jackson (a file input arrives as a {@link java.nio.file.Path}) and calls {@link #run}. The returned map
 * holds the step's outputs: JSON-serializable values, or {@link java.nio.file.Path}s for files; files
 * written to {@link StepContext#outputFile(String)} become outputs too. Throwing fails the attempt with
 * the exception's message; throwing {@link FailureWithFix} adds what would fix it. Implementations are
 * found with {@link java.util.ServiceLoader} and must be thread-safe: one instance serves every step of
 * its type. Mark required record components with {@link StepInput}.
 */
public interface StepHandler<I> {

    /** The {@code type:} that selects this handler in a flow file, e.g. {@code csv.parse}. */
    String type();

    /** The record the inputs are bound to; its components are the inputs the type accepts. */
    Class<I> inputType();

    default String description() {
        return "";
    }

    Map<String, Object> run(I inputs, StepContext context) throws Exception;
}
