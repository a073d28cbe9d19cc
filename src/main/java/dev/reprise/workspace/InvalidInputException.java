package dev.reprise.workspace;

import dev.reprise.flow.Problem;

import java.util.List;
import java.util.stream.Collectors;

/** Input that was refused, with every problem found; nothing was written. */
public class InvalidInputException extends WorkspaceException {

    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String message) {
        super(message);
        this.problems = List.of();
    }

    public List<Problem> problems() {
        return problems;
    }
}
