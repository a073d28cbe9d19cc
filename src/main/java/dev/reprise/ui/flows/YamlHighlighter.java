package dev.reprise.ui.flows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours a flow file: mapping keys, quoted strings, numbers, booleans, comments, block scalars (the
 * {@code run: |} scripts) and {@code {{ … }}} templates, also inside strings and scripts. A line-by-line
 * scan with regular expressions, not a YAML parser, so that half-typed text still gets its colours. The
 * result covers the whole text as consecutive {@link Span}s. Stateless and thread-safe: views run it off
 * the FX thread.
 */
public final class YamlHighlighter {

    /** A style class of the editor's stylesheet. */
    public enum Kind {
        KEY("yaml-key"), STRING("yaml-string"), NUMBER("yaml-number"), BOOLEAN("yaml-boolean"),
        COMMENT("yaml-comment"), BLOCK("yaml-block"), TEMPLATE("yaml-template");

        private final String styleClass;

        Kind(String styleClass) {
            this.styleClass = styleClass;
        }

        public String styleClass() {
            return styleClass;
        }
    }

    /** {@code length} characters in style {@code kind} (null for plain text). */
    public record Span(int length, Kind kind) {
    }

    private static final Pattern KEY = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z_$][\\w.$-]*|\"[^\"\\n]*\"|'[^'\\n]*')\\s*:(?=\\s|$)");
    private static final Pattern VALUE = Pattern.compile(
            "(?<str>\"(?:[^\"\\\\]|\\\\.)*\"?|'(?:[^']|'')*'?)"
                    + "|(?<comment>(?<![^\\s])#.*)"
                    + "|(?<fkey>(?<=[{,]\\s{0,20})[A-Za-z_$][\\w.$-]*(?=\\s*:(?:\\s|$)))"
                    + "|(?<num>(?<=[:\\[,\\s]|^)-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?(?=\\s*(?:[,\\]}]|\\s#|$)))"
                    + "|(?<bool>(?<=[:\\[,\\s]|^)(?:true|false|null|~)(?=\\s*(?:[,\\]}]|\\s#|$)))");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?(?:}}|$)|\\{%.*?(?:%}|$)");
    private static final Pattern BLOCK_START = Pattern.compile(":\\s*[|>][+-]?\\d?\\s*(?:#.*)?$");

    private YamlHighlighter() {
    }

    /** The spans of {@code text}, in order, their lengths adding up to the text's length. */
    public static List<Span> spans(String text) {
        Kind[] kinds = new Kind[text.length()];
        int lineStart = 0;
        int blockIndent = -1;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            int indent = indent(line);
            if (blockIndent >= 0 && (line.isBlank() || indent > blockIndent)) {
                Arrays.fill(kinds, lineStart, lineEnd, Kind.BLOCK);
                templates(line, lineStart, kinds);
            } else {
                blockIndent = -1;
                scanLine(line, lineStart, kinds);
                if (!line.strip().startsWith("#") && BLOCK_START.matcher(line).find()) {
                    blockIndent = indent;
                }
            }
            lineStart = lineEnd + 1;
        }
        return merge(kinds);
    }

    private static void scanLine(String line, int offset, Kind[] kinds) {
        Matcher key = KEY.matcher(line);
        int from = 0;
        if (key.find()) {
            fill(kinds, offset + key.start(2), offset + key.end(2), Kind.KEY);
            from = key.end();
        }
        Matcher value = VALUE.matcher(line);
        value.region(from, line.length());
        value.useTransparentBounds(true);
        value.useAnchoringBounds(false);
        while (value.find()) {
            Kind kind = value.group("str") != null ? Kind.STRING
                    : value.group("comment") != null ? Kind.COMMENT
                    : value.group("fkey") != null ? Kind.KEY
                    : value.group("num") != null ? Kind.NUMBER : Kind.BOOLEAN;
            fill(kinds, offset + value.start(), offset + value.end(), kind);
            if (kind == Kind.STRING) {
                templates(value.group(), offset + value.start(), kinds);
            }
        }
        // unquoted values may hold templates too (rare, but the engine accepts them)
        Matcher template = TEMPLATE.matcher(line);
        while (template.find()) {
            if (kinds[offset + template.start()] == null) {
                fill(kinds, offset + template.start(), offset + template.end(), Kind.TEMPLATE);
            }
        }
    }

    private static void templates(String segment, int offset, Kind[] kinds) {
        Matcher template = TEMPLATE.matcher(segment);
        while (template.find()) {
            fill(kinds, offset + template.start(), offset + template.end(), Kind.TEMPLATE);
        }
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static void fill(Kind[] kinds, int from, int to, Kind kind) {
        Arrays.fill(kinds, from, Math.min(to, kinds.length), kind);
    }

    private static List<Span> merge(Kind[] kinds) {
        List<Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= kinds.length; i++) {
            if (i == kinds.length || kinds[i] != kinds[start]) {
                spans.add(new Span(i - start, kinds[start]));
                start = i;
            }
        }
        if (spans.isEmpty()) {
            spans.add(new Span(0, null));
        }
        return spans;
    }
}
