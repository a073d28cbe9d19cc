package dev.reprise.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One non-blank line of the file a script step appends its outputs to ({@code $REPRISE_OUTPUTS}), with its
 * number: the shell and python executors read the file the same way and refuse a line they cannot read in the
 * same words, each with its own idea of what a line holds. Immutable.
 */
record OutputLine(int number, String text) {

    /** Hands each non-blank line of {@code outputs} to {@code reader}, in order. */
    static void readAll(Path outputs, Consumer<OutputLine> reader) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(outputs, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    reader.accept(new OutputLine(number, line));
                }
            }
        }
    }

    /** The error that refuses this line because it is not {@code expected} (e.g. {@code name=value}). */
    IllegalArgumentException isNot(String expected) {
        return new IllegalArgumentException("line " + number + " of $REPRISE_OUTPUTS is not " + expected + ": '"
                + text + "'");
    }
}
