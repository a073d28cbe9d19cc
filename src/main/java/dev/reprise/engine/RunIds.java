package dev.reprise.engine;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Short, time-sortable run ids: {@code r-} + the creation time in milliseconds as 10 lower-case Crockford
 * base-32 digits + 6 random digits, e.g. {@code r-01jd3k5x2m9q7hzp}. Ids made later sort after earlier
 * ones (within the same millisecond, the random part decides). Thread-safe.
 */
public final class RunIds implements IdGenerator {

    private static final char[] DIGITS = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RunIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String newRunId() {
        char[] id = new char[18];
        id[0] = 'r';
        id[1] = '-';
        long time = clock.millis();
        for (int i = 11; i >= 2; i--) {
            id[i] = DIGITS[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 12; i < 18; i++) {
            id[i] = DIGITS[random.nextInt(32)];
        }
        return new String(id);
    }
}
