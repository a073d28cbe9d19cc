package dev.reprise.server;

import dev.reprise.run.RunEvent;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recent events of every run, numbered in the order the server heard them, so that a client of the
 * all-runs stream can resume after a dropped connection. Sequence numbers are per run, so this stream has
 * its own ids: {@code <epoch>-<n>}, where the epoch changes with every server start. A client that resumes
 * within the same epoch and within the last {@code capacity} events gets exactly what it missed; otherwise
 * it is told that there is a gap (and reads the runs it cares about again). Thread-safe.
 */
final class EventJournal implements Consumer<RunEvent> {

    /** An event with its place in this journal. */
    record Numbered(String id, RunEvent event) {
    }

    private static final Pattern ID = Pattern.compile("([0-9a-f]{8})-(\\d{1,18})");

    private final String epoch;
    private final RunEvent[] ring;
    private final List<Consumer<Numbered>> listeners = new ArrayList<>();
    private long next = 1;

    EventJournal(int capacity) {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        this.epoch = HexFormat.of().formatHex(bytes);
        this.ring = new RunEvent[capacity];
    }

    @Override
    public synchronized void accept(RunEvent event) {
        long number = next++;
        ring[(int) (number % ring.length)] = event;
        Numbered numbered = new Numbered(id(number), event);
        for (Consumer<Numbered> listener : listeners) {
            listener.accept(numbered);
        }
    }

    /**
     * Delivers the events after {@code lastId} that are still kept, then every new one; calls {@code gap}
     * first if {@code lastId} is given but cannot be resumed from. Returns the action that stops delivery.
     */
    synchronized Runnable follow(String lastId, Consumer<Numbered> listener, Runnable gap) {
        if (lastId != null) {
            Matcher matcher = ID.matcher(lastId.trim());
            long oldest = Math.max(1, next - ring.length);
            long after = matcher.matches() && matcher.group(1).equals(epoch) ? Long.parseLong(matcher.group(2)) : -1;
            if (after < 0 || after + 1 < oldest || after >= next) {
                gap.run();
            } else {
                for (long n = after + 1; n < next; n++) {
                    listener.accept(new Numbered(id(n), ring[(int) (n % ring.length)]));
                }
            }
        }
        listeners.add(listener);
        return () -> {
            synchronized (this) {
                listeners.remove(listener);
            }
        };
    }

    private String id(long number) {
        return epoch + "-" + number;
    }
}
