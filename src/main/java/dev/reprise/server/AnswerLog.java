package dev.reprise.server;

/**
 * Hears every JSON answer a {@link WorkspaceServer} gives, as sent: the operation's method and path template
 * (as in the API document; null for an error outside any operation), the status and the body. Called on the
 * request's thread after the body was made; must be thread-safe and quick.
 */
@FunctionalInterface
public interface AnswerLog {

    /** Hears nothing. */
    AnswerLog NONE = (method, route, status, json) -> { };

    void answered(String method, String route, int status, byte[] json);
}
