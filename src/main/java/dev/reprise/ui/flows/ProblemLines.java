package dev.reprise.ui.flows;

import dev.reprise.flow.Problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The problems of a YAML text that have a place, by their 1-based line, for an editor's gutter. Stateless. */
final class ProblemLines {

    private ProblemLines() {
    }

    static Map<Integer, List<Problem>> of(List<Problem> found) {
        Map<Integer, List<Problem>> byLine = new TreeMap<>();
        for (Problem problem : found) {
            if (problem.pos() != null && problem.pos().line() > 0) {
                byLine.computeIfAbsent(problem.pos().line(), l -> new ArrayList<>()).add(problem);
            }
        }
        byLine.replaceAll((line, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(byLine);
    }
}
