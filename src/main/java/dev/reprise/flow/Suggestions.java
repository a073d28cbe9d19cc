package dev.reprise.flow;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for names that are one or two typing slips away from a known one. Stateless. */
final class Suggestions {

    private Suggestions() {
    }

    /** The known name closest to {@code word}, if it is close enough to be what was meant. */
    static Optional<String> closest(String word, Collection<String> known) {
        if (word == null || word.isEmpty()) {
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

    /** Edit distance where swapping two neighbouring letters counts as one slip (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
