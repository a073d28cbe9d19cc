package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.SequenceWriter;
import dev.reprise.engine.spi.FailureWithFix;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code csv.parse}: reads a CSV file with a header row, checks that every value of the date-time columns
 * matches {@code datetime_format}, and writes a normalised copy with those values in ISO-8601
 * ({@code 2024-03-01T08:15:00}). The first value that does not match fails the step, naming its row,
 * column, value and the format; when the column's values are all written in one of the common formats, the
 * failure suggests that format as the fix. A column input that names a column the file lacks fails the step too,
 * suggesting the file's column of a close name. Also answers the sorted distinct values of the station column, the list
 * the bike-trips example fans out over. Stateless and thread-safe.
 */
public final class CsvParseHandler implements StepHandler<CsvParseHandler.Inputs> {

    /** The inputs of {@code csv.parse}. */
    public record Inputs(
            @StepInput(required = true, description = "The CSV file to read; its first row names the columns")
            Path file,
            @StepInput(description = "DateTimeFormatter pattern of the date-time columns (default yyyy-MM-dd'T'HH:mm:ss), "
                    + "or epoch_seconds or epoch_millis")
            String datetime_format,
            @StepInput(description = "The columns holding date-times (default started_at, ended_at, where present)")
            List<String> datetime_columns,
            @StepInput(description = "The column whose distinct values become the stations output (default start_station)")
            String station_column) {

        public Inputs {
            datetime_columns = datetime_columns == null ? null : List.copyOf(datetime_columns);
        }
    }

    static final String DEFAULT_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";
    private static final List<String> DEFAULT_DATETIME_COLUMNS = List.of("started_at", "ended_at");
    private static final String DEFAULT_STATION_COLUMN = "start_station";

    @Override
    public String type() {
        return "csv.parse";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Reads a CSV file, checks its date-time columns against a format and writes a normalised copy";
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        if (inputs.file() == null) {
            throw new IllegalArgumentException("file is required: the CSV file to parse");
        }
        String pattern = inputs.datetime_format() == null ? DEFAULT_FORMAT : inputs.datetime_format();
        Path out = context.outputFile("parsed.csv");
        context.log().printf("parsing %s with date-time format '%s'%n", inputs.file().getFileName(), pattern);
        Pass pass = new Pass(inputs, reader(pattern), pattern, out);
        List<String> columns;
        try {
            columns = CsvFiles.read(inputs.file(), context, pass);
        } catch (Mismatch mismatch) {
            throw diagnose(mismatch, inputs, pass.datetimeColumns, pattern, context);
        } finally {
            pass.close();
        }
        context.log().printf("parsed %d rows, columns %s; date-time columns %s; %d distinct %s values%n",
                pass.rows, columns, pass.datetimeColumns, pass.stations.size(), pass.stationColumn);
        return Map.of("rows", pass.rows, "stations", List.copyOf(pass.stations), "columns", columns, "file", out);
    }

    private static DateTimeFormats.Reader reader(String pattern) {
        try {
            return DateTimeFormats.reader(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "datetime_format '" + pattern + "' is not a valid date-time pattern: " + e.getMessage(), e);
        }
    }

    /** A date-time value; a format without a time of day gives midnight. */
    static LocalDateTime parse(String value, DateTimeFormats.Reader format, String pattern, int row, String column) {
        try {
            return format.read(value);
        } catch (DateTimeException e) {
            throw new Mismatch("row " + row + ", column " + column + ": '" + value
                    + "' does not match the date-time format '" + pattern + "'", e);
        }
    }

    /** A value that does not match the date-time format. */
    private static final class Mismatch extends IllegalArgumentException {
        Mismatch(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The failure of a value that did not match: with the common format that the first {@value #SAMPLE} date-time
     * values of the file all match as the fix, if there is one; else the mismatch as it is.
     */
    private static Exception diagnose(Mismatch mismatch, Inputs inputs, List<String> datetimeColumns, String pattern,
                                      StepContext context) throws Exception {
        List<String> samples = sample(inputs.file(), datetimeColumns, context);
        Optional<String> found = DateTimeFormats.matching(samples).filter(format -> !format.equals(pattern));
        if (found.isEmpty()) {
            return mismatch;
        }
        context.log().printf("the first %d date-time values all match '%s'%n", samples.size(), found.get());
        return new FailureWithFix(mismatch.getMessage(), "the values of " + String.join(", ", datetimeColumns)
                + " are written as " + found.get(), "datetime_format", inputs.datetime_format(), found.get(), mismatch);
    }

    /** How many date-time values a diagnosis looks at. */
    static final int SAMPLE = 200;

    /** The first {@link #SAMPLE} non-empty values of {@code columns} in {@code file}. */
    private static List<String> sample(Path file, List<String> columns, StepContext context) throws Exception {
        List<String> values = new ArrayList<>();
        final class Enough extends RuntimeException {
            Enough() {
                super(null, null, false, false);
            }
        }
        try {
            CsvFiles.read(file, context, (row, fields) -> {
                for (String column : columns) {
                    String value = fields.get(column);
                    if (value != null && !value.isBlank()) {
                        values.add(value);
                    }
                }
                if (values.size() >= SAMPLE) {
                    throw new Enough();
                }
            });
        } catch (Enough enough) {
            // the sample is full
        }
        return values;
    }

    /**
     * The failure of an input naming a column {@code file} lacks: with the close column names as the fix when
     * every missing one has one, else as it is. {@code given} is the input's value, {@code fixed} it with each
     * missing name replaced.
     */
    static Exception missingColumn(String message, String input, Object given, Object fixed, List<String> missing,
                                   List<String> close, String file) {
        if (close.size() != missing.size() || close.contains(null)) {
            return new IllegalArgumentException(message);
        }
        StringBuilder summary = new StringBuilder(file).append(" has ");
        for (int i = 0; i < missing.size(); i++) {
            summary.append(i == 0 ? "" : ", ").append("'").append(close.get(i)).append("' (not '")
                    .append(missing.get(i)).append("')");
        }
        return new FailureWithFix(message, summary.toString(), input, given, fixed, null);
    }

    /** One reading of one file: checks the header, then checks and copies each row. */
    private static final class Pass implements CsvFiles.RowVisitor, AutoCloseable {
        private final Inputs inputs;
        private final DateTimeFormats.Reader format;
        private final String pattern;
        private final Path out;
        final String stationColumn;
        final TreeSet<String> stations = new TreeSet<>();
        List<String> columns = List.of();
        List<String> datetimeColumns = List.of();
        private boolean hasStationColumn;
        private SequenceWriter writer;
        int rows;

        Pass(Inputs inputs, DateTimeFormats.Reader format, String pattern, Path out) {
            this.inputs = inputs;
            this.format = format;
            this.pattern = pattern;
            this.out = out;
            this.stationColumn = inputs.station_column() == null ? DEFAULT_STATION_COLUMN : inputs.station_column();
        }

        @Override
        public void header(List<String> header) throws Exception {
            columns = header;
            String name = inputs.file().getFileName().toString();
            if (inputs.datetime_columns() == null) {
                datetimeColumns = DEFAULT_DATETIME_COLUMNS.stream().filter(columns::contains).toList();
            } else {
                List<String> missing = inputs.datetime_columns().stream().filter(c -> !columns.contains(c)).toList();
                if (!missing.isEmpty()) {
                    List<String> close = missing.stream().map(c -> Columns.closest(c, columns).orElse(null)).toList();
                    List<String> fixed = inputs.datetime_columns().stream()
                            .map(c -> missing.contains(c) ? close.get(missing.indexOf(c)) : c).toList();
                    throw missingColumn("datetime_columns names '" + String.join("', '", missing) + "', which "
                                    + name + " does not have (its columns: " + String.join(", ", columns) + ")",
                            "datetime_columns", inputs.datetime_columns(), fixed, missing, close, name);
                }
                datetimeColumns = inputs.datetime_columns();
            }
            hasStationColumn = columns.contains(stationColumn);
            if (!hasStationColumn && inputs.station_column() != null) {
                String close = Columns.closest(stationColumn, columns).orElse(null);
                throw missingColumn("station_column '" + stationColumn + "' is not a column of " + name
                                + " (its columns: " + String.join(", ", columns) + ")", "station_column", stationColumn,
                        close, List.of(stationColumn), Arrays.asList(close), name);
            }
            writer = CsvFiles.writer(out, columns);
        }

        @Override
        public void row(int row, Map<String, String> values) throws IOException {
            List<Object> normalised = new ArrayList<>(columns.size());
            for (String column : columns) {
                String value = values.get(column);
                if (value != null && !value.isEmpty() && datetimeColumns.contains(column)) {
                    value = parse(value, format, pattern, row, column).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                }
                normalised.add(value);
            }
            writer.write(normalised);
            if (hasStationColumn) {
                String station = values.get(stationColumn);
                if (station != null && !station.isEmpty()) {
                    stations.add(station);
                }
            }
            rows++;
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
