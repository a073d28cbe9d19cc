package dev.reprise.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types a flow input may declare. {@link #coerce(JsonNode)} turns a value given as JSON or as text
 * (from a command line or a form) into the canonical JSON form of the type, or explains why it cannot:
 * integers and numbers become JSON numbers, dates ISO-8601 text, durations ISO-8601 ({@code PT5M}, also
 * accepted as {@code 5m}, {@code 2s}, {@code 1h30m}).
 */
public enum InputType {
    STRING, INTEGER, NUMBER, BOOLEAN, ENUM, DATE, DATETIME, DURATION, JSON, FILE;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputType fromId(String id) {
        for (InputType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown input type '" + id + "' (expected one of "
                + String.join(", ", Arrays.stream(values()).map(InputType::id).toList()) + ")");
    }

    /** The canonical value of this type for {@code value}; throws {@link IllegalArgumentException} with a reason. */
    public JsonNode coerce(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new IllegalArgumentException("a value is required");
        }
        String text = value.isValueNode() ? value.asText() : null;
        return switch (this) {
            case STRING, ENUM -> {
                if (!value.isValueNode()) {
                    throw new IllegalArgumentException("expected text, got " + kind(value));
                }
                yield TextNode.valueOf(text);
            }
            case INTEGER -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    yield integer(value.asLong());
                }
                try {
                    yield integer(Long.parseLong(requireText(value).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer, got '" + text + "'");
                }
            }
            case NUMBER -> {
                if (value.isNumber()) {
                    yield value;
                }
                try {
                    String t = requireText(value).trim();
                    new BigDecimal(t); // rejects what is not a plain number (NaN, Infinity, hex)
                    yield t.matches("-?\\d+") ? integer(Long.parseLong(t)) : DoubleNode.valueOf(Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, got '" + text + "'");
                }
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    yield value;
                }
                String t = requireText(value).trim().toLowerCase(Locale.ROOT);
                if (t.equals("true") || t.equals("false")) {
                    yield BooleanNode.valueOf(Boolean.parseBoolean(t));
                }
                throw new IllegalArgumentException("expected true or false, got '" + text + "'");
            }
            case DATE -> {
                try {
                    yield TextNode.valueOf(LocalDate.parse(requireText(value).trim()).toString());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expected a date like 2024-03-31, got '" + text + "'");
                }
            }
            case DATETIME -> {
                try {
                    yield TextNode.valueOf(OffsetDateTime.parse(requireText(value).trim()).toString());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "expected a date-time like 2024-03-31T12:00:00Z, got '" + text + "'");
                }
            }
            case DURATION -> TextNode.valueOf(parseDuration(requireText(value)).toString());
            case JSON -> {
                if (!value.isTextual()) {
                    yield value;
                }
                try {
                    yield MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    // plain text is a valid JSON string value
                    yield value;
                }
            }
            case FILE -> {
                if (value.isObject() && (value.has("$artifact") || value.has("$file"))) {
                    yield value;
                }
                yield TextNode.valueOf(requireText(value));
            }
        };
    }

    /** An integer as a JSON parser reads it back: an int node when it fits, a long node otherwise. */
    private static JsonNode integer(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    private static String requireText(JsonNode value) {
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("expected a single value, got " + kind(value));
        }
        return value.asText();
    }

    private static String kind(JsonNode value) {
        return value.isArray() ? "a list" : value.isObject() ? "an object" : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code PT1M30S} or the short forms {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, {@code 2d}. */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            Matcher m = DURATION_PART.matcher(t);
            Duration total = Duration.ZERO;
            int end = 0;
            while (m.find()) {
                if (m.start() != end) {
                    break;
                }
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                end = m.end();
            }
            if (end == t.length() && end > 0) {
                return total;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("expected a duration like 30s, 5m, 1h30m or PT5M, got '" + text + "'");
    }
}
