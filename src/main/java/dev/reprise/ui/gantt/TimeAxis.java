package dev.reprise.ui.gantt;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Nice tick steps and labels for elapsed time, and the human formats of instants and durations. Pure. */
final class TimeAxis {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long[] STEPS = {
            1, 2, 5, 10, 20, 50, 100, 200, 500,
            SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
            MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
            HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private TimeAxis() {
    }

    /** The smallest nice step of at least {@code minMillis}. */
    static long niceStep(double minMillis) {
        for (long step : STEPS) {
            if (step >= minMillis) {
                return step;
            }
        }
        if (!Double.isFinite(minMillis)) {
            return Long.MAX_VALUE / 4;
        }
        long days = (long) Math.ceil(minMillis / DAY);
        return Math.max(1, Math.min(days, Long.MAX_VALUE / 4 / DAY)) * DAY;
    }

    /** Label of elapsed time {@code t} on an axis whose step is {@code step}: "0", "250ms", "1.5s", "2m 30s", "1h 05m". */
    static String label(long t, long step) {
        if (t == 0) {
            return "0";
        }
        String sign = t < 0 ? "−" : "";
        long a = Math.abs(t);
        if (step < SECOND) {
            return a < SECOND ? sign + a + "ms" : sign + trim(a / 1000.0, step < 100 ? 3 : step < 1000 ? 1 : 0) + "s";
        }
        if (a < MINUTE) {
            return sign + a / SECOND + "s";
        }
        if (a < HOUR) {
            long s = (a % MINUTE) / SECOND;
            return sign + a / MINUTE + "m" + (s == 0 ? "" : String.format(" %02ds", s));
        }
        long m = (a % HOUR) / MINUTE;
        return sign + a / HOUR + "h" + (m == 0 ? "" : String.format(" %02dm", m));
    }

    private static String trim(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + Math.max(decimals, 1) + "f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s;
    }

    /** A duration for people: "850 ms", "4.2 s", "3 m 12 s", "1 h 02 m". */
    static String duration(long millis) {
        if (millis < SECOND) {
            return millis + " ms";
        }
        if (millis < MINUTE) {
            return trim(millis / 1000.0, 1) + " s";
        }
        if (millis < HOUR) {
            return millis / MINUTE + " m " + String.format("%02d", (millis % MINUTE) / SECOND) + " s";
        }
        return millis / HOUR + " h " + String.format("%02d", (millis % HOUR) / MINUTE) + " m";
    }

    static String clock(long millis, ZoneId zone) {
        return CLOCK.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    static String duration(Duration d) {
        return duration(d.toMillis());
    }
}
