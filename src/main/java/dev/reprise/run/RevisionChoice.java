package dev.reprise.run;

/**
 * Which revision of its flow a replay runs: the one its source run ran, the flow's latest, or a given number.
 * Written as {@code original}, {@code latest} or the number wherever a person or a request gives it;
 * {@link #parse} is the one reader of that text and {@link #text} its one writer.
 */
public sealed interface RevisionChoice permits RevisionChoice.Original, RevisionChoice.Latest, RevisionChoice.Numbered {

    String ORIGINAL = "original";
    String LATEST = "latest";

    /** The revision the source run ran. */
    record Original() implements RevisionChoice {
        @Override
        public String text() {
            return ORIGINAL;
        }
    }

    /** The flow's newest revision when the replay is prepared. */
    record Latest() implements RevisionChoice {
        @Override
        public String text() {
            return LATEST;
        }
    }

    /** Revision {@code number} of the flow, from 1. */
    record Numbered(int number) implements RevisionChoice {
        public Numbered {
            if (number < 1) {
                throw new IllegalArgumentException("a revision number is 1 or more, not " + number);
            }
        }

        @Override
        public String text() {
            return Integer.toString(number);
        }
    }

    /** As a request or a person writes it. */
    String text();

    /**
     * The choice {@code text} names; null or blank is the original.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    static RevisionChoice parse(String text) {
        String given = text == null ? "" : text.trim();
        if (given.isEmpty() || given.equalsIgnoreCase(ORIGINAL)) {
            return new Original();
        }
        if (given.equalsIgnoreCase(LATEST)) {
            return new Latest();
        }
        try {
            return new Numbered(Integer.parseInt(given));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + ORIGINAL + ", " + LATEST + " or a revision number, got '"
                    + text + "'");
        }
    }
}
