package dev.reprise.engine.builtin;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The date-time formats {@code csv.parse} reads: a {@link DateTimeFormatter} pattern (a date alone gives
 * midnight), or {@code epoch_seconds} / {@code epoch_millis} for numbers of seconds or milliseconds since
 * 1970-01-01 UTC; and which of the common formats a set of values is written in, for a step that failed
 * with the wrong one. Thread-safe.
 */
final class DateTimeFormats {

    static final String EPOCH_SECONDS = "epoch_seconds";
    static final String EPOCH_MILLIS = "epoch_millis";

    /**
     * The formats tried, most likely first: ISO with a 'T', then a space, with and without seconds and
     * milliseconds; year first with slashes; day first with dots; month first then day first with slashes;
     * epoch numbers. Where two fit all values (03/01/2024), the earlier one is suggested.
     */
    static final List<String> COMMON = List.of(
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm",
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
            "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd",
            "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "dd.MM.yyyy",
            "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm", "MM/dd/yyyy",
            "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy",
            EPOCH_SECONDS, EPOCH_MILLIS);

    private static final Pattern DIGITS = Pattern.compile("\\d{1,15}");
    /** Epoch seconds below this (5138-11-16) and milliseconds from it: a number cannot be both. */
    private static final long MILLIS_FROM = 100_000_000_000L;

    private DateTimeFormats() {
    }

    /** Reads one value in a format; throws {@link DateTimeException} for a value not in it. */
    @FunctionalInterface
    interface Reader {
        LocalDateTime read(String value);
    }

    /** The reader of {@code format}; throws {@link IllegalArgumentException} for a pattern that is not one. */
    static Reader reader(String format) {
        return switch (format) {
            case EPOCH_SECONDS -> value -> epoch(value, false);
            case EPOCH_MILLIS -> value -> epoch(value, true);
            default -> {
                DateTimeFormatter formatter = DateTimeFormatter.ofPattern(format);
                yield value -> {
                    TemporalAccessor parsed = formatter.parseBest(value.trim(), LocalDateTime::from, LocalDate::from);
                    return parsed instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) parsed;
                };
            }
        };
    }

    private static LocalDateTime epoch(String value, boolean millis) {
        String text = value.trim();
        if (!DIGITS.matcher(text).matches()) {
            throw new DateTimeException("'" + value + "' is not a number of " + (millis ? "milliseconds" : "seconds"));
        }
        long number = Long.parseLong(text);
        if (millis != number >= MILLIS_FROM) {
            throw new DateTimeException("'" + value + "' is not a number of " + (millis ? "milliseconds" : "seconds"));
        }
        Instant instant = millis ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The first of the {@link #COMMON} formats that reads every one of {@code values}; none for no values. */
    static Optional<String> matching(List<String> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        for (String format : COMMON) {
            Reader reader = reader(format);
            if (values.stream().allMatch(value -> reads(reader, value))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    private static boolean reads(Reader reader, String value) {
        try {
            reader.read(value);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
