package dev.reprise.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * A terminal that standard output goes to, {@code columns} wide, with nobody typing at it: what a command
 * prints for a person reading it, without a real terminal in the test.
 */
record ShowingTerminal(int columns) implements Terminal {

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public String readLine(String prompt) {
        return null;
    }

    @Override
    public boolean showsOutput() {
        return true;
    }

    /** The environment of a command line printing to this terminal, with {@code variables}. */
    Cli.Environment environment(Path folder, Map<String, String> variables) {
        return new Cli.Environment(null, folder.resolve("connections.json"), variables, this);
    }
}
