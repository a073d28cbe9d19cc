package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.SequenceWriter;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * {@code dataset.generate}: a month of made-up but plausible bike-share trips as CSV — commuter peaks on
 * weekdays, a midday hump at weekends, busier stations, members riding shorter. The same month, row count
 * and seed always give the same bytes ({@link Random}'s algorithm is fixed by its specification).
 * Stateless and thread-safe.
 */
public final class DatasetGenerateHandler implements StepHandler<DatasetGenerateHandler.Inputs> {

    /** The inputs of {@code dataset.generate}. */
    public record Inputs(
            @StepInput(required = true, description = "The month to generate trips for, e.g. 2024-03")
            String month,
            @StepInput(description = "How many trips to generate (1 to 1,000,000; default 1000)")
            Integer rows,
            @StepInput(description = "Seed of the random generator; the same seed gives the same file (default 42)")
            Long seed) {
    }

    /** The stations trips start and end at, with how busy each is. No name contains another. */
    static final List<String> STATIONS = List.of(
            "Central Station", "Harbour Front", "University", "City Hall",
            "Market Square", "Riverside Park", "Museum Quarter", "Old Town");
    private static final int[] STATION_WEIGHTS = {22, 16, 14, 12, 11, 10, 8, 7};
    private static final int[] WEEKDAY_HOURS =
            {1, 1, 1, 1, 1, 3, 8, 20, 28, 14, 8, 8, 10, 9, 8, 10, 16, 26, 22, 12, 8, 6, 4, 2};
    private static final int[] WEEKEND_HOURS =
            {2, 2, 1, 1, 1, 1, 2, 3, 6, 9, 13, 16, 17, 17, 16, 15, 14, 12, 10, 8, 6, 5, 4, 3};
    static final List<String> COLUMNS =
            List.of("trip_id", "started_at", "ended_at", "start_station", "end_station", "duration_s", "member");
    private static final int MAX_ROWS = 1_000_000;

    @Override
    public String type() {
        return "dataset.generate";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Generates a deterministic month of bike-share trips as CSV (" + String.join(", ", COLUMNS) + ")";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        YearMonth month = parseMonth(inputs.month());
        int rows = inputs.rows() == null ? 1000 : inputs.rows();
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("rows must be between 1 and " + MAX_ROWS + ", was " + rows);
        }
        long seed = inputs.seed() == null ? 42L : inputs.seed();
        Random random = new Random(seed);

        // Start times first, sorted, so trip ids follow the clock like a real export.
        long[] starts = new long[rows];
        for (int i = 0; i < rows; i++) {
            starts[i] = startSecond(month, random);
        }
        Arrays.sort(starts);

        LocalDateTime monthStart = month.atDay(1).atStartOfDay();
        String idPrefix = month.format(DateTimeFormatter.ofPattern("yyyyMM")) + "-";
        Path file = context.outputFile("trips.csv");
        try (SequenceWriter out = CsvFiles.writer(file, COLUMNS)) {
            for (int i = 0; i < rows; i++) {
                if (i % CsvFiles.CANCEL_CHECK_EVERY == 0 && context.isCancelled()) {
                    throw new CancellationException("cancelled after " + i + " of " + rows + " trips");
                }
                boolean member = random.nextDouble() < 0.7;
                int from = pick(STATION_WEIGHTS, random);
                int to = random.nextDouble() < 0.12 ? from : pickOther(from, random);
                // log-normal ride lengths: members ~10 min, casual riders ~18 min, clamped to 1 min..3 h
                double median = member ? 600 : 1080;
                long duration = Math.round(median * Math.exp(0.45 * random.nextGaussian()));
                duration = Math.max(60, Math.min(3 * 3600, duration));
                LocalDateTime started = monthStart.plusSeconds(starts[i]);
                LocalDateTime ended = started.plusSeconds(duration);
                out.write(List.of(
                        idPrefix + String.format(Locale.ROOT, "%06d", i + 1),
                        started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                        ended.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                        STATIONS.get(from),
                        STATIONS.get(to),
                        duration,
                        member));
            }
        }
        context.log().printf("generated %d trips for %s (seed %d) into %s%n", rows, month, seed, file.getFileName());
        return Map.of("file", file, "rows", rows);
    }

    private static YearMonth parseMonth(String month) {
        if (month == null || month.isBlank()) {
            throw new IllegalArgumentException("month is required, e.g. 2024-03");
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month '" + month + "' is not a month like 2024-03", e);
        }
    }

    /** Seconds from the start of the month to a trip's start. */
    private static long startSecond(YearMonth month, Random random) {
        int day = 1 + random.nextInt(month.lengthOfMonth());
        DayOfWeek weekday = month.atDay(day).getDayOfWeek();
        boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
        int hour = pick(weekend ? WEEKEND_HOURS : WEEKDAY_HOURS, random);
        return (day - 1) * 86_400L + hour * 3_600L + random.nextInt(3_600);
    }

    private static int pickOther(int from, Random random) {
        while (true) {
            int to = pick(STATION_WEIGHTS, random);
            if (to != from) {
                return to;
            }
        }
    }

    private static int pick(int[] weights, Random random) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError("weights must be positive");
    }
}
