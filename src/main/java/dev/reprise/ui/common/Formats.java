package dev.reprise.ui.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.ArtifactRef;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the window writes times, durations, sizes and values. Stateless. */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** From {@code start} to {@code end}, or to {@code now} while it goes on; empty if it never started. */
    public static String duration(Instant start, Instant end, Instant now) {
        if (start == null) {
            return "";
        }
        Instant until = end != null ? end : now;
        return duration(Duration.between(start, until.isBefore(start) ? start : until));
    }

    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** {@code n} and the noun, plural unless one: "1 step", "3 steps". For nouns whose plural ends in s. */
    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    /** A value on one line: text as it is, a file as its name and size, JSON compact and shortened. */
    public static String value(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (ArtifactRef.isRef(value)) {
            ArtifactRef ref = ArtifactRef.from(value).orElseThrow();
            return (ref.name() != null ? ref.name() : ref.sha256().substring(0, 12)) + "  ·  file, " + size(ref.size())
                    + (ref.mediaType() != null ? ", " + ref.mediaType() : "");
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
