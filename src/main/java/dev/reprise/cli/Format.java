package dev.reprise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.Json;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Text output of the CLI: aligned tables, durations, times in the local zone, JSON. */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = Json.newMapper();

    private Format() {
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    static String duration(Instant start, Instant end) {
        if (start == null) {
            return "-";
        }
        return duration(Duration.between(start, end == null ? Instant.now() : end));
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 > 0 ? String.format("%02ds", s % 60) : "");
        }
        return s / 3600 + "h" + String.format("%02dm", (s % 3600) / 60);
    }

    static String labels(Map<String, String> labels) {
        return labels.isEmpty() ? "" : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** A value as a person reads it: text without quotes, anything else as compact JSON. */
    static String value(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isObject() && node.has("$artifact")) {
            return "file " + node.path("name").asText("") + " (" + node.path("size").asLong() + " bytes, sha256 "
                    + node.get("$artifact").asText().substring(0, 12) + "…)";
        }
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }

    static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    static void json(PrintWriter out, Object value) {
        write(out, JSON, value);
    }

    /**
     * Prints {@code value} as JSON on one line and flushes it, for a stream of one document per line (NDJSON):
     * a reader such as {@code jq} takes each as it comes. A run event has the shape of the server's event streams.
     */
    static void jsonLine(PrintWriter out, Object value) {
        write(out, JSON_LINE, value);
        out.flush();
    }

    private static void write(PrintWriter out, ObjectMapper mapper, Object value) {
        try {
            out.println(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prints one row of cells per item, as columns under {@code header} padded to their widest cell, in lines that
     * fit {@code screen}: while a line would be wider, the widest of the {@code freeText} columns (names, errors,
     * descriptions — never ids, which are typed back) is narrowed, down to its header, and its longer cells end
     * with an ellipsis. Cells may hold the screen's ANSI colours; widths count only what shows.
     */
    static <T> void table(PrintWriter out, Screen screen, List<String> header, Set<String> freeText, List<T> items,
                          Function<T, List<String>> cells) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        items.stream().map(cells).forEach(all::add);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], Screen.visibleLength(row.get(i)));
            }
        }
        narrow(widths, header, freeText, screen.width());
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = Screen.fit(row.get(i), widths[i]);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - Screen.visibleLength(cell) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Narrows the widest free-text column, one column at a time, until a line fits {@code width} or none can. */
    private static void narrow(int[] widths, List<String> header, Set<String> freeText, int width) {
        long line = 2L * (widths.length - 1);
        for (int w : widths) {
            line += w;
        }
        while (line > width) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (freeText.contains(header.get(i)) && widths[i] > header.get(i).length()
                        && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                return; // the other columns alone are wider: cutting ids would make them useless
            }
            widths[widest]--;
            line--;
        }
    }
}
