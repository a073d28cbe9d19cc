package dev.reprise.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A flow that cannot be used, with every problem found in it (not just the first). */
public final class FlowException extends RuntimeException {

    private final transient List<Problem> problems;

    public FlowException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
