package dev.reprise.run;

/**
 * Where a step run is in its run, in one spelling: a step's name ({@code parse}), or an instance of a fan-out
 * step ({@code count[3]}), with {@code index} -1 for a step that is not an instance. The one parser and printer
 * of step addresses: replay scopes, overrides and injected outputs name steps this way.
 */
public record StepAddress(String step, int index) {

    /** An instance's index has at most this many digits, as the id rules allow. */
    private static final int MAX_INDEX_DIGITS = 9;

    /**
     * The address of {@code text}: an instance when it ends in {@code [n]} (one to nine digits) after at least
     * one character, otherwise the step itself. Read by hand, not by a regular expression: the planner asks it of
     * every step of a run, many times.
     */
    public static StepAddress parse(String text) {
        int last = text.length() - 1;
        if (last < 3 || text.charAt(last) != ']') {
            return new StepAddress(text, -1);
        }
        int open = text.lastIndexOf('[', last - 1);
        int digits = last - open - 1;
        if (open < 1 || digits < 1 || digits > MAX_INDEX_DIGITS) {
            return new StepAddress(text, -1);
        }
        int index = 0;
        for (int i = open + 1; i < last; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return new StepAddress(text, -1);
            }
            index = index * 10 + (c - '0');
        }
        return new StepAddress(text.substring(0, open), index);
    }

    /** The address of element {@code index} of fan-out step {@code step}, or of the step itself for -1. */
    public static StepAddress of(String step, int index) {
        return new StepAddress(step, index);
    }

    public boolean isInstance() {
        return index >= 0;
    }

    @Override
    public String toString() {
        return index < 0 ? step : step + "[" + index + "]";
    }
}
