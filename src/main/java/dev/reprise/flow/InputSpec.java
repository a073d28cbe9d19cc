package dev.reprise.flow;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A typed flow input: its type, default (null when the input is required), description and constraints
 * ({@code min}/{@code max} for numbers, {@code pattern} for text, {@code values} for enums). {@code pos} is
 * where it is declared.
 */
public record InputSpec(
        String name,
        InputType type,
        JsonNode defaultValue,
        String description,
        BigDecimal min,
        BigDecimal max,
        String pattern,
        List<String> values,
        SourcePos pos) {

    public InputSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public boolean required() {
        return defaultValue == null || defaultValue.isNull();
    }

    /**
     * The canonical value for {@code raw} (text or JSON), checked against the type and every constraint;
     * throws {@link IllegalArgumentException} naming the input and the reason.
     */
    public JsonNode check(JsonNode raw) {
        JsonNode value;
        try {
            value = type.coerce(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input '" + name + "': " + e.getMessage(), e);
        }
        Optional<String> violation = violation(value);
        if (violation.isPresent()) {
            throw new IllegalArgumentException("input '" + name + "': " + violation.get());
        }
        return value;
    }

    private Optional<String> violation(JsonNode value) {
        List<String> reasons = new ArrayList<>();
        if (value.isNumber()) {
            BigDecimal n = value.decimalValue();
            if (min != null && n.compareTo(min) < 0) {
                reasons.add("must be at least " + min.toPlainString() + ", was " + n.toPlainString());
            }
            if (max != null && n.compareTo(max) > 0) {
                reasons.add("must be at most " + max.toPlainString() + ", was " + n.toPlainString());
            }
        }
        if (pattern != null && value.isTextual() && !Pattern.compile(pattern).matcher(value.asText()).matches()) {
            reasons.add("'" + value.asText() + "' does not match the pattern " + pattern);
        }
        if (type == InputType.ENUM && !values.contains(value.asText())) {
            reasons.add("'" + value.asText() + "' is not one of " + String.join(", ", values));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
