package dev.reprise.flow;

/** One thing wrong with a flow, at the place it was found: {@code file:line:column: message}. */
public record Problem(SourcePos pos, String message) {

    @Override
    public String toString() {
        return pos + ": " + message;
    }
}
