package dev.reprise.cli;

import dev.reprise.run.RunState;
import dev.reprise.run.StepState;

import java.util.Map;

/**
 * Where standard output goes, as the commands print for it: to a terminal (a progress line may be rewritten in
 * place), how many columns a line may take ({@link #UNLIMITED} when not a terminal, so that a script or a pager
 * gets every character), and whether states are coloured with ANSI codes — only on a terminal, and neither
 * with {@code NO_COLOR} set (no-color.org), {@code --no-color} nor {@code TERM=dumb}. Immutable.
 */
record Screen(boolean terminal, int width, boolean colour) {

    /** The width of a line that is never cut. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    /** The width of a terminal that does not say how wide it is. */
    static final int DEFAULT_WIDTH = 80;

    /** Not a terminal: plain text, lines as long as they are. */
    static final Screen PLAIN = new Screen(false, UNLIMITED, false);

    private static final String RESET = "\u001b[0m";

    Screen {
        if (width < 1) {
            throw new IllegalArgumentException("a screen is at least one column wide, not " + width);
        }
    }

    /**
     * The screen of a command line whose output goes to {@code terminal} when that shows it, in the environment
     * {@code variables}; {@code noColour} is {@code --no-color}.
     */
    static Screen of(Terminal terminal, Map<String, String> variables, boolean noColour) {
        if (!terminal.showsOutput()) {
            return PLAIN;
        }
        boolean colour = !noColour && isEmpty(variables.get("NO_COLOR")) && !"dumb".equals(variables.get("TERM"));
        return new Screen(true, width(terminal, variables.get("COLUMNS")), colour);
    }

    /** $COLUMNS when it is a number of columns, else what the terminal says, else {@link #DEFAULT_WIDTH}. */
    private static int width(Terminal terminal, String columns) {
        if (!isEmpty(columns)) {
            try {
                int width = Integer.parseInt(columns.trim());
                if (width > 0) {
                    return width;
                }
            } catch (NumberFormatException e) {
                // as if unset: a shell may hold anything in it
            }
        }
        int measured = terminal.columns();
        return measured > 0 ? measured : DEFAULT_WIDTH;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    /** The state's name, in its colour when this screen colours. */
    String state(RunState state) {
        return paint(state.name(), switch (state) {
            case SUCCEEDED -> Colour.GREEN;
            case FAILED -> Colour.RED;
            case RUNNING -> Colour.CYAN;
            case CANCELLED, INTERRUPTED -> Colour.YELLOW;
            case QUEUED -> Colour.NONE;
        });
    }

    /** The step state's name, in its colour when this screen colours. */
    String state(StepState state) {
        return paint(state.name(), switch (state) {
            case SUCCEEDED, REUSED -> Colour.GREEN;
            case FAILED -> Colour.RED;
            case RUNNING, RETRYING -> Colour.CYAN;
            case CANCELLED, INTERRUPTED -> Colour.YELLOW;
            case SKIPPED -> Colour.DIM;
            case PENDING -> Colour.NONE;
        });
    }

    /** A line a diff added, green when this screen colours; as {@code git diff} colours it. */
    String added(String line) {
        return paint(line, Colour.GREEN);
    }

    /** A line a diff removed, red when this screen colours. */
    String removed(String line) {
        return paint(line, Colour.RED);
    }

    /** The header of a diff's hunk, cyan when this screen colours. */
    String hunk(String line) {
        return paint(line, Colour.CYAN);
    }

    /** A heading (a diff's file lines), bold when this screen colours. */
    String bold(String line) {
        return paint(line, Colour.BOLD);
    }

    private String paint(String text, Colour colour) {
        return this.colour && colour != Colour.NONE ? colour.code + text + RESET : text;
    }

    /** How many columns {@code text} takes on a terminal: its characters without the ANSI codes in it. */
    static int visibleLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i = skipCode(text, i)) {
            if (text.charAt(i) != '\u001b') {
                length++;
            }
        }
        return length;
    }

    /**
     * {@code text} cut to {@code columns} visible characters, its last an ellipsis, when it is longer; its ANSI
     * codes are kept, and a colour cut off is reset.
     */
    static String fit(String text, int columns) {
        if (visibleLength(text) <= columns) {
            return text;
        }
        StringBuilder cut = new StringBuilder();
        int length = 0;
        boolean coded = false;
        for (int i = 0; i < text.length() && length < columns - 1; ) {
            int next = skipCode(text, i);
            if (text.charAt(i) == '\u001b') {
                coded = true;
            } else {
                length++;
            }
            cut.append(text, i, next);
            i = next;
        }
        if (columns > 0) {
            cut.append('…');
        }
        return coded ? cut.append(RESET).toString() : cut.toString();
    }

    /** The index after the ANSI code at {@code i} ({@code ESC [ … letter}), or after the one character there. */
    private static int skipCode(String text, int i) {
        if (text.charAt(i) != '\u001b' || i + 1 >= text.length() || text.charAt(i + 1) != '[') {
            return i + 1;
        }
        int j = i + 2;
        while (j < text.length() && !Character.isLetter(text.charAt(j))) {
            j++;
        }
        return Math.min(j + 1, text.length());
    }

    private enum Colour {
        NONE(""), GREEN("\u001b[32m"), RED("\u001b[31m"), CYAN("\u001b[36m"), YELLOW("\u001b[33m"), DIM("\u001b[2m"),
        BOLD("\u001b[1m");

        final String code;

        Colour(String code) {
            this.code = code;
        }
    }
}
