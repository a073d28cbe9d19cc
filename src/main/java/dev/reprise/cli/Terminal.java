package dev.reprise.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * The terminal a person types at, for the questions destructive commands ask before they act. A command
 * line whose standard input is not a terminal (a script, a pipe, a test) has nobody to ask, and says so
 * with {@link #isInteractive()}.
 */
public interface Terminal {

    /** True when a person at a terminal can answer a question. */
    boolean isInteractive();

    /** Shows {@code prompt} and answers the line typed, or null at the end of input. */
    String readLine(String prompt);

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
        };
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
