package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.reprise.engine.spi.StepContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Reading and writing the CSV files the built-in steps exchange, with one Jackson CSV configuration:
 * a header row, and quotes only where a value needs them (so {@code awk -F,} in a shell step can read the
 * files). Row numbers count the header as row 1, as a spreadsheet shows them. Thread-safe.
 */
final class CsvFiles {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    /** Checked every this many rows for cancellation. */
    static final int CANCEL_CHECK_EVERY = 1024;

    private CsvFiles() {
    }

    /** Receives a file's header, then each data row; {@code row} counts the header as row 1. */
    interface RowVisitor {
        default void header(List<String> columns) throws Exception {
        }

        void row(int row, Map<String, String> values) throws Exception;
    }

    /**
     * Hands {@code file}'s header, then every data row, to {@code visitor} (the header also when there are no
     * rows); answers the header's column names. Stops with {@link CancellationException} once the step is
     * cancelled.
     */
    static List<String> read(Path file, StepContext context, RowVisitor visitor) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows =
                     MAPPER.readerForMapOf(String.class).with(schema).readValues(file.toFile())) {
            List<String> columns = null;
            int row = 1;
            Map<String, String> values;
            while ((values = next(rows, file, row + 1)) != null) {
                row++;
                if (columns == null) {
                    columns = header(rows, file, visitor);
                }
                if (row % CANCEL_CHECK_EVERY == 0 && context.isCancelled()) {
                    throw new CancellationException("cancelled at row " + row + " of " + file.getFileName());
                }
                visitor.row(row, values);
            }
            return columns != null ? columns : header(rows, file, visitor);
        }
    }

    private static Map<String, String> next(MappingIterator<Map<String, String>> rows, Path file, int row) {
        try {
            return rows.hasNextValue() ? rows.nextValue() : null;
        } catch (RuntimeJsonMappingException | IOException e) {
            throw new IllegalArgumentException(file.getFileName() + " row " + row + " is not valid CSV: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static List<String> header(MappingIterator<?> rows, Path file, RowVisitor visitor) throws Exception {
        CsvSchema schema = (CsvSchema) rows.getParserSchema();
        List<String> columns = new ArrayList<>();
        if (schema != null) {
            schema.forEach(column -> columns.add(column.getName()));
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " is empty: it has no header row");
        }
        visitor.header(List.copyOf(columns));
        return List.copyOf(columns);
    }

    /** A writer of rows (lists of values in {@code columns} order) to {@code file}, header first. */
    static SequenceWriter writer(Path file, List<String> columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        Files.createDirectories(file.toAbsolutePath().getParent());
        return MAPPER.writer(schema.build()).writeValues(file.toFile());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
