package dev.reprise.cli;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal a person types at, for the questions destructive commands ask before they act, and that shows
 * what the commands print: a progress line, colours, tables cut to its width. A command line whose standard
 * input is not a terminal (a script, a pipe, a test) has nobody to ask, and says so with
 * {@link #isInteractive()}; one whose standard output is not a terminal prints plain text, and says so with
 * {@link #showsOutput()}. Implementations are safe to call from any thread.
 */
public interface Terminal {

    /** True when a person at a terminal can answer a question. */
    boolean isInteractive();

    /** Shows {@code prompt} and answers the line typed, or null at the end of input. */
    String readLine(String prompt);

    /** True when standard output goes to this terminal, where a person reads it as it comes. */
    default boolean showsOutput() {
        return false;
    }

    /** How many columns wide the terminal is, or 0 when that is not known. */
    default int columns() {
        return 0;
    }

    /** No terminal: nobody to ask. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }
    };

    /** The terminal of this process, if it has one ({@link System#console()}). */
    static Terminal system() {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean isInteractive() {
                return true;
            }

            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public boolean showsOutput() {
                return true; // a console is a terminal only when both standard input and output are
            }

            @Override
            public int columns() {
                return sttyColumns();
            }
        };
    }

    /**
     * The width {@code stty size} reads from the controlling terminal: Java has no call for it. 0 where there is
     * no {@code stty} (Windows) or it does not answer within a second.
     */
    private static int sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(1, TimeUnit.SECONDS)) {
                stty.destroy();
                return 0;
            }
            String[] rowsColumns = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .trim().split("\\s+");
            return rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Java 22 to 24 hand out a console even when the streams are redirected, and tell a real terminal by
     * {@code Console.isTerminal()}, which Java 21 (the release this is compiled for) does not have.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21: a console is only handed out for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
