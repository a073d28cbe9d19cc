package dev.reprise.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

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

    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
    };

    /** A new mapper with Reprise's settings; mappers are thread-safe once built. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
