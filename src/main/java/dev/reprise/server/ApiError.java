package dev.reprise.server;

import dev.reprise.flow.Problem;

import java.util.List;

/**
 * The body of every error answer: a sentence for a person, and for refused input every problem found
 * (each with its place in a flow file when it has one).
 */
public record ApiError(String error, List<Problem> problems) {

    public ApiError {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
