package dev.reprise.server;

import dev.reprise.run.LogChunk;
import dev.reprise.run.RunEvent;

/**
 * The events the server's streams send: the name each has on the wire (its {@code event:} line), the type of
 * its data (written as one line of JSON) and what it means. The streams send these and the API document
 * describes these, so the two cannot disagree on a name or a shape. Immutable.
 */
public enum StreamEvent {

    RUN_EVENT("run-event", RunEvent.class, "a committed change of a run: the run, or one of its step runs, as it is now"),
    GAP("gap", StreamGap.class, "events were missed while the client was away (the server restarted, or kept too few "
            + "to resume from the Last-Event-ID sent): read the runs again"),
    CHUNK("chunk", LogChunk.class, "the next piece of the log; the last one has complete=true and ends the stream"),
    ERROR("error", ApiError.class, "the log could not be read on; the stream ends");

    /** The data of a {@link #GAP}. */
    public record StreamGap(String error) {
    }

    private final String wireName;
    private final Class<?> dataType;
    private final String meaning;

    StreamEvent(String wireName, Class<?> dataType, String meaning) {
        this.wireName = wireName;
        this.dataType = dataType;
        this.meaning = meaning;
    }

    /** The name on the {@code event:} line. */
    public String wireName() {
        return wireName;
    }

    /** The type whose JSON is the event's data. */
    public Class<?> dataType() {
        return dataType;
    }

    public String meaning() {
        return meaning;
    }
}
