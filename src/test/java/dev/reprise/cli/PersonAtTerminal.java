package dev.reprise.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A person at a terminal who gives these answers, in turn, and whose questions are kept. */
final class PersonAtTerminal implements Terminal {

    final Deque<String> answers;
    final List<String> asked = new ArrayList<>();

    PersonAtTerminal(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean isInteractive() {
        return true;
    }

    @Override
    public String readLine(String prompt) {
        asked.add(prompt);
        return answers.poll();
    }
}
