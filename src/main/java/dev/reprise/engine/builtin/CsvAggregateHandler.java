package dev.reprise.engine.builtin;

import com.fasterxml.jackson.databind.SequenceWriter;
import dev.reprise.engine.spi.FailureWithFix;
import dev.reprise.engine.spi.StepContext;
import dev.reprise.engine.spi.StepHandler;
import dev.reprise.engine.spi.StepInput;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code csv.aggregate}: groups the rows of a CSV file by one column and counts them, and when a numeric
 * {@code value_column} is given also sums, averages and bounds it per group. Groups are listed busiest
 * first (ties by name), in the {@code summary} object and in a CSV {@code file}. {@code decimal} is the value
 * column's decimal separator; a value written with a decimal comma while it is {@code .} fails the step with
 * {@code decimal: ","} as the suggested fix, when every value of the column reads that way. A column input naming
 * a column the file lacks suggests the file's column of a close name. Stateless and thread-safe.
 */
public final class CsvAggregateHandler implements StepHandler<CsvAggregateHandler.Inputs> {

    /** The inputs of {@code csv.aggregate}. */
    public record Inputs(
            @StepInput(required = true, description = "The CSV file to aggregate; its first row names the columns")
            Path file,
            @StepInput(required = true, description = "The column to group rows by, e.g. start_station")
            String group_by,
            @StepInput(description = "A numeric column to sum and average per group, e.g. duration_s")
            String value_column,
            @StepInput(description = "The decimal separator of value_column's numbers: . (default) or ,")
            String decimal) {
    }

    @Override
    public String type() {
        return "csv.aggregate";
    }

    @Override
    public Class<Inputs> inputType() {
        return Inputs.class;
    }

    @Override
    public String description() {
        return "Counts CSV rows per group and sums/averages a numeric column per group";
    }

    /** Running figures of one group. */
    private static final class Group {
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min;
        BigDecimal max;
    }

    @Override
    public Map<String, Object> run(Inputs inputs, StepContext context) throws Exception {
        if (inputs.file() == null || inputs.group_by() == null || inputs.group_by().isBlank()) {
            throw new IllegalArgumentException("file and group_by are required");
        }
        String groupBy = inputs.group_by();
        String valueColumn = inputs.value_column() == null || inputs.value_column().isBlank() ? null : inputs.value_column();
        String name = inputs.file().getFileName().toString();
        char separator = separator(inputs.decimal());
        TreeMap<String, Group> groups = new TreeMap<>();
        long[] rows = {0};
        try {
            read(inputs, context, groupBy, valueColumn, name, separator, groups, rows);
        } catch (NotANumber e) {
            throw separator == '.' && readsWithDecimalComma(inputs.file(), valueColumn, context)
                    ? new FailureWithFix(e.getMessage(), "the values of " + valueColumn + " are written with a "
                    + "decimal comma", "decimal", inputs.decimal(), ",", e)
                    : e;
        }
        return summarise(groups, groupBy, valueColumn, rows, name, context);
    }

    private static void read(Inputs inputs, StepContext context, String groupBy, String valueColumn, String name,
                             char separator, TreeMap<String, Group> groups, long[] rows) throws Exception {
        CsvFiles.read(inputs.file(), context, new CsvFiles.RowVisitor() {
            @Override
            public void header(List<String> columns) throws Exception {
                requireColumn(columns, groupBy, "group_by", name);
                if (valueColumn != null) {
                    requireColumn(columns, valueColumn, "value_column", name);
                }
            }

            @Override
            public void row(int row, Map<String, String> values) {
                Group group = groups.computeIfAbsent(values.getOrDefault(groupBy, ""), key -> new Group());
                group.count++;
                rows[0]++;
                if (valueColumn != null) {
                    BigDecimal value = number(values.get(valueColumn), separator, row, valueColumn);
                    group.sum = group.sum.add(value);
                    group.min = group.min == null || value.compareTo(group.min) < 0 ? value : group.min;
                    group.max = group.max == null || value.compareTo(group.max) > 0 ? value : group.max;
                }
            }
        });
    }

    private static Map<String, Object> summarise(TreeMap<String, Group> groups, String groupBy, String valueColumn,
                                                 long[] rows, String name, StepContext context) throws Exception {
        List<Map.Entry<String, Group>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.comparingLong((Map.Entry<String, Group> e) -> e.getValue().count).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> columns = new ArrayList<>(List.of(groupBy, "count"));
        if (valueColumn != null) {
            columns.addAll(List.of("sum_" + valueColumn, "mean_" + valueColumn, "min_" + valueColumn, "max_" + valueColumn));
        }
        List<Map<String, Object>> list = new ArrayList<>();
        Path out = context.outputFile("summary.csv");
        try (SequenceWriter writer = CsvFiles.writer(out, columns)) {
            for (Map.Entry<String, Group> entry : ordered) {
                Group g = entry.getValue();
                Map<String, Object> item = new LinkedHashMap<>();
                item.put(groupBy, entry.getKey());
                item.put("count", g.count);
                if (valueColumn != null) {
                    item.put("sum_" + valueColumn, Numbers.plain(g.sum));
                    item.put("mean_" + valueColumn,
                            Numbers.plain(g.sum.divide(BigDecimal.valueOf(g.count), 3, RoundingMode.HALF_EVEN)));
                    item.put("min_" + valueColumn, Numbers.plain(g.min));
                    item.put("max_" + valueColumn, Numbers.plain(g.max));
                }
                writer.write(new ArrayList<>(item.values()));
                list.add(item);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", rows[0]);
        summary.put("group_by", groupBy);
        if (valueColumn != null) {
            summary.put("value_column", valueColumn);
        }
        summary.put("groups", list);
        context.log().printf("%d rows of %s in %d groups by %s%s%n", rows[0], name, list.size(), groupBy,
                list.isEmpty() ? "" : "; largest: " + ordered.get(0).getKey() + " (" + ordered.get(0).getValue().count + ")");
        return Map.of("summary", summary, "groups", list.size(), "file", out);
    }

    private static void requireColumn(List<String> columns, String column, String input, String file) throws Exception {
        if (!columns.contains(column)) {
            String close = Columns.closest(column, columns).orElse(null);
            throw CsvParseHandler.missingColumn(input + " '" + column + "' is not a column of " + file
                    + " (its columns: " + String.join(", ", columns) + ")", input, column, close, List.of(column),
                    Arrays.asList(close), file);
        }
    }

    private static char separator(String decimal) {
        if (decimal == null || decimal.equals(".")) {
            return '.';
        }
        if (decimal.equals(",")) {
            return ',';
        }
        throw new IllegalArgumentException("decimal must be . or , (the decimal separator), not '" + decimal + "'");
    }

    /** A value that is not a number. */
    private static final class NotANumber extends IllegalArgumentException {
        NotANumber(String message) {
            super(message);
        }
    }

    /**
     * A number with {@code separator} before its decimals; with a decimal comma a point is refused rather than
     * dropped, so that 3.5 is not read as 35.
     */
    private static BigDecimal number(String value, char separator, int row, String column) {
        String text = value == null ? "" : value.trim();
        try {
            if (separator == ',') {
                if (text.indexOf('.') >= 0) {
                    throw new NumberFormatException("a point with a decimal comma");
                }
                text = text.replace(',', '.');
            }
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NotANumber("row " + row + ", column " + column + ": '" + (value == null ? "" : value)
                    + "' is not a number" + (separator == ',' ? " with a decimal comma" : ""));
        }
    }

    /** Whether every value of {@code column} reads as a number with a decimal comma, one of them having a comma. */
    private static boolean readsWithDecimalComma(Path file, String column, StepContext context) throws Exception {
        boolean[] comma = {false};
        try {
            CsvFiles.read(file, context, (row, values) -> {
                String value = values.get(column);
                number(value, ',', row, column);
                comma[0] |= value.indexOf(',') >= 0;
            });
        } catch (NotANumber e) {
            return false;
        }
        return comma[0];
    }
}
