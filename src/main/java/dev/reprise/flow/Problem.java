package dev.reprise.flow;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a flow or a request, at the place it was found ({@code file:line:column: message});
 * {@code pos} is null for a problem that has no place in a file, such as a bad parameter value.
 */
public record Problem(@Nullable SourcePos pos, String message) {

    public static Problem of(String message) {
        return new Problem(null, message);
    }

    @Override
    public String toString() {
        return pos == null ? message : pos + ": " + message;
    }
}
