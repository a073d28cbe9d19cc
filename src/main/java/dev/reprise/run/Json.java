package dev.reprise.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Comparator;

/**
 * The JSON configuration every layer shares, so that records written by the store, the server and the
 * CLI read back the same everywhere: ISO-8601 instants, unknown properties rejected.
 */
public final class Json {

    private Json() {
    }

    /**
     * Whether two JSON values are the same value: numbers compare by value (an int node 7 equals a long
     * node 7 and 7.0), everything else as {@link JsonNode#equals}. Null equals only null.
     */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
    };

    /** How deep JSON from outside may nest; far beyond any request, far below a stack overflow. */
    public static final int MAX_INPUT_DEPTH = 200;

    /** A new mapper with Reprise's settings; mappers are thread-safe once built. */
    public static ObjectMapper newMapper() {
        return base(JsonMapper.builder()).build();
    }

    /**
     * A new mapper for JSON that comes from outside the process (a request body): Reprise's settings, and a
     * value of the wrong JSON type is refused instead of converted (1.5 is not the whole number 1, 5 and
     * true are not strings, "5" is not a number, 2 is not an enum constant), and nesting deeper than
     * {@link #MAX_INPUT_DEPTH} is refused while parsing. Thread-safe once built.
     */
    public static ObjectMapper newInputMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_INPUT_DEPTH).build())
                .build();
        return base(JsonMapper.builder(factory))
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfig(LogicalType.Integer, c -> refuse(c, CoercionInputShape.Float,
                        CoercionInputShape.String, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Float, c -> refuse(c, CoercionInputShape.String,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Boolean, c -> refuse(c, CoercionInputShape.Integer,
                        CoercionInputShape.Float, CoercionInputShape.String))
                .withCoercionConfig(LogicalType.Textual, c -> refuse(c, CoercionInputShape.Integer,
                        CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Enum, c -> refuse(c, CoercionInputShape.Integer,
                        CoercionInputShape.Float))
                .build();
    }

    private static JsonMapper.Builder base(JsonMapper.Builder builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static void refuse(MutableCoercionConfig config,
                               CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }
}
