package dev.reprise.workspace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A number of bytes that streams may deliver, counted as they are read (never taken from what a header or a
 * server says a size is): once more were read, the read throws {@link InvalidInputException} with the budget's
 * message. An import reads through several at once — one per file, one for the whole import, one for the
 * expansion of an archive. Thread-safe.
 */
final class ByteBudget {

    private final long limit;
    private final AtomicLong read = new AtomicLong();
    private final LongFunction<String> message;

    /** @param message why the stream is refused, given the limit */
    ByteBudget(long limit, LongFunction<String> message) {
        this.limit = limit;
        this.message = message;
    }

    /** {@code in}, read within every one of {@code budgets}. */
    static InputStream within(InputStream in, ByteBudget... budgets) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    spend(1, budgets);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    spend(n, budgets);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                spend(skipped, budgets);
                return skipped;
            }
        };
    }

    private static void spend(long bytes, ByteBudget[] budgets) {
        for (ByteBudget budget : budgets) {
            if (budget.read.addAndGet(bytes) > budget.limit) {
                throw new InvalidInputException(budget.message.apply(budget.limit));
            }
        }
    }
}
