package dev.reprise.flow;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean …?" for names that are one or two typing slips away from a known one. The static methods
 * guess among a few fixed names (keys, types). A validation guesses among the flow's own steps and inputs with
 * an instance, which spends at most a fixed number of comparisons in all: each guess looks at every known name,
 * so a flow with thousands of misspelt references would otherwise take time growing with the square of its
 * size; past the budget, problems are reported without a guess. One instance per validation; not thread-safe
 * ({@link #closest} is, and is what the built-in steps use to guess a misspelt column).
 */
public final class Suggestions {

    /** How many known names one validation may compare words with. */
    static final long COMPARISONS = 1_000_000;

    private long left;

    Suggestions(long comparisons) {
        this.left = comparisons;
    }

    /** The guesses of one validation. */
    static Suggestions forOneValidation() {
        return new Suggestions(COMPARISONS);
    }

    /** {@code "; did you mean 'x'?"} or nothing, within this instance's budget. */
    String hintAmong(String word, Collection<String> known) {
        if (left < known.size()) {
            left = 0;
            return "";
        }
        left -= known.size();
        return hint(word, known);
    }

    /** The known name closest to {@code word}, if it is close enough to be what was meant. */
    public static Optional<String> closest(String word, Collection<String> known) {
        if (word == null || word.isEmpty() || word.length() > Ids.MAX_LENGTH) {
            return Optional.empty();
        }
        // one slip in a short word, two in a longer one; a one- or two-letter word is too short to guess from
        int limit = word.length() <= 2 ? 0 : word.length() <= 5 ? 1 : 2;
        if (limit == 0) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : known) {
            if (Math.abs(candidate.length() - word.length()) > limit) {
                continue;
            }
            int d = distance(word, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'x'?"} or nothing. */
    static String hint(String word, Collection<String> known) {
        return closest(word, known).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /**
     * Edit distance where swapping two neighbouring letters counts as one slip (optimal string alignment),
     * kept in three rows rather than a whole table.
     */
    static int distance(String a, String b) {
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    current[j] = Math.min(current[j], before[j - 2] + 1);
                }
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[b.length()];
    }
}
