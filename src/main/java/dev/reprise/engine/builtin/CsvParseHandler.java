package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.SequenceWriter;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code csv.parse}: reads a CSV file with a header row, checks that every value of the date-time columns
 * matches {@code datetime_format}, and writes a normalised copy with those values in ISO-8601
 * ({@code 2024-03-01T08:15:00}). The first value that does not match fails the step, naming its row,
 * column, value and the format. Also answers the sorted distinct values of the station column, the list
 * the bike-trips example fans out over. Stateless and thread-safe.
 */
public final class CsvParseHandler implements StepHandler<CsvParseHandler.Inputs> {

    /** The inputs of {@code csv.parse}. */
    public record Inputs(
            @StepInput(required = true, description = "The CSV file to read; its first row names the columns")
            Path file,
            @StepInput(description = "DateTimeFormatter pattern of the date-time columns (default yyyy-MM-dd'T'HH:mm:ss)")
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
        Pass pass = new Pass(inputs, formatter(pattern), pattern, out);
        List<String> columns;
        try {
            columns = CsvFiles.read(inputs.file(), context, pass);
        } finally {
            pass.close();
        }
        context.log().printf("parsed %d rows, columns %s; date-time columns %s; %d distinct %s values%n",
                pass.rows, columns, pass.datetimeColumns, pass.stations.size(), pass.stationColumn);
        return Map.of("rows", pass.rows, "stations", List.copyOf(pass.stations), "columns", columns, "file", out);
    }

    private static DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "datetime_format '" + pattern + "' is not a valid date-time pattern: " + e.getMessage(), e);
        }
    }

    /** A date-time value; a format without a time of day gives midnight. */
    static LocalDateTime parse(String value, DateTimeFormatter format, String pattern, int row, String column) {
        try {
            TemporalAccessor parsed = format.parseBest(value.trim(), LocalDateTime::from, LocalDate::from);
            return parsed instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("row " + row + ", column " + column + ": '" + value
                    + "' does not match the date-time format '" + pattern + "'", e);
        }
    }

    /** One reading of one file: checks the header, then checks and copies each row. */
    private static final class Pass implements CsvFiles.RowVisitor, AutoCloseable {
        private final Inputs inputs;
        private final DateTimeFormatter format;
        private final String pattern;
        private final Path out;
        final String stationColumn;
        final TreeSet<String> stations = new TreeSet<>();
        List<String> columns = List.of();
        List<String> datetimeColumns = List.of();
        private boolean hasStationColumn;
        private SequenceWriter writer;
        int rows;

        Pass(Inputs inputs, DateTimeFormatter format, String pattern, Path out) {
            this.inputs = inputs;
            this.format = format;
            this.pattern = pattern;
            this.out = out;
            this.stationColumn = inputs.station_column() == null ? DEFAULT_STATION_COLUMN : inputs.station_column();
        }

        @Override
        public void header(List<String> header) throws IOException {
            columns = header;
            String name = inputs.file().getFileName().toString();
            if (inputs.datetime_columns() == null) {
                datetimeColumns = DEFAULT_DATETIME_COLUMNS.stream().filter(columns::contains).toList();
            } else {
                for (String column : inputs.datetime_columns()) {
                    if (!columns.contains(column)) {
                        throw new IllegalArgumentException("datetime_columns names '" + column + "', which " + name
                                + " does not have (its columns: " + String.join(", ", columns) + ")");
                    }
                }
                datetimeColumns = inputs.datetime_columns();
            }
            hasStationColumn = columns.contains(stationColumn);
            if (!hasStationColumn && inputs.station_column() != null) {
                throw new IllegalArgumentException("station_column '" + stationColumn + "' is not a column of "
                        + name + " (its columns: " + String.join(", ", columns) + ")");
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
