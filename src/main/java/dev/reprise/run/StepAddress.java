package dev.reprise.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a step run is in its run, in one spelling: a step's name ({@code parse}), or an instance of a fan-out
 * step ({@code count[3]}), with {@code index} -1 for a step that is not an instance. The one parser and printer
 * of step addresses: replay scopes, overrides and injected outputs name steps this way.
 */
public record StepAddress(String step, int index) {

    private static final Pattern INSTANCE = Pattern.compile("(.+)\\[(\\d{1,9})]");

    /** The address of {@code text}: an instance when it ends in {@code [n]}, otherwise the step itself. */
    public static StepAddress parse(String text) {
        Matcher instance = INSTANCE.matcher(text);
        return instance.matches() ? new StepAddress(instance.group(1), Integer.parseInt(instance.group(2)))
                : new StepAddress(text, -1);
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
