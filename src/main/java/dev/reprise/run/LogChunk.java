package dev.reprise.run;

/**
 * A piece of an attempt's log: the text between byte {@code offset} and {@code nextOffset}. Ask again
 * from {@code nextOffset} to read on (or to follow a running attempt). {@code size} is the log's length
 * in bytes when read; {@code complete} is true once the attempt has ended and everything was read.
 */
public record LogChunk(long offset, long nextOffset, long size, String text, boolean complete) {
}
