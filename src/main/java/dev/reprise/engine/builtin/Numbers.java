package dev.reprise.engine.builtin;

import java.math.BigDecimal;

/** Number conversions shared by the built-ins. */
final class Numbers {

    private Numbers() {
    }

    /** A JSON-friendly number: a long when whole (so 5000 prints as 5000, not 5E+3), else a double. */
    static Number plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return stripped.longValueExact();
        }
        return value.doubleValue();
    }
}
