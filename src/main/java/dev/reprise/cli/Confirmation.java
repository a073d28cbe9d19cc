package dev.reprise.cli;

import java.util.Locale;

/**
 * The question a destructive or bulk command asks before it acts. On a terminal the person answers; {@code --yes}
 * answers for them. Without a terminal and without {@code --yes} the command is refused before it changes
 * anything: a script that deletes must say so, rather than delete because nobody was there to say no.
 */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * True to go ahead: {@code yes} was given, or the person at the terminal answered yes to {@code question};
     * false when they did not (the command then exits {@link Cli#RUN_FAILED}, so that {@code &&} goes no further,
     * and prints nothing on stdout). Throws {@link IllegalArgumentException} when nobody can be asked.
     */
    static boolean confirmed(RepriseCommand root, boolean yes, String command, String question) {
        return confirmed(root, yes, question, "'" + command + "' deletes for good and there is no terminal to ask: "
                + "add --yes to go ahead, or --dry-run to see what would go", "not confirmed: nothing deleted");
    }

    /**
     * As above for any command that acts in bulk: {@code noTerminal} is the refusal when nobody can be asked,
     * {@code declined} what is said on stderr when the person says no.
     */
    static boolean confirmed(RepriseCommand root, boolean yes, String question, String noTerminal, String declined) {
        if (yes) {
            return true;
        }
        Terminal terminal = root.terminal();
        if (!terminal.isInteractive()) {
            throw new IllegalArgumentException(noTerminal);
        }
        String answer = terminal.readLine(question + " [y/N] ");
        if (answer != null) {
            String a = answer.strip().toLowerCase(Locale.ROOT);
            if (a.equals("y") || a.equals("yes")) {
                return true;
            }
        }
        root.err.println(declined);
        return false;
    }
}
