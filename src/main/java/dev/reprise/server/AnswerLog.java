package dev.reprise.server;

/**
 * Hears every JSON answer a {@link WorkspaceServer} gives, as sent: the operation's method and path template
 * (as in the API document; null for an error outside any operation), the status and the body; and the data of
 * every event its streams send. Called on the request's thread after the body was made; must be thread-safe
 * and quick.
 */
@FunctionalInterface
public interface AnswerLog {

    /** Hears nothing. */
    AnswerLog NONE = (method, route, status, json) -> { };

    void answered(String method, String route, int status, byte[] json);

    /** The data of an event named {@code event} (as on its {@code event:} line) that stream {@code route} sent. */
    default void streamed(String route, String event, byte[] json) {
    }
}
