package dev.reprise.workspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {

    @Test
    void marksAddedRemovedAndChangedLinesWithTheirNumbersOnEachSide() {
        String left = "a\nb\nc\nd\n";
        String right = "a\nB\nc\nd\ne\n";

        LineDiff diff = LineDiff.of(left, right);

        assertThat(diff.rows()).containsExactly(
                new LineDiff.Row(LineDiff.Kind.SAME, 1, "a", 1, "a"),
                new LineDiff.Row(LineDiff.Kind.CHANGED, 2, "b", 2, "B"),
                new LineDiff.Row(LineDiff.Kind.SAME, 3, "c", 3, "c"),
                new LineDiff.Row(LineDiff.Kind.SAME, 4, "d", 4, "d"),
                new LineDiff.Row(LineDiff.Kind.ADDED, 0, null, 5, "e"));
        assertThat(diff.summary()).isEqualTo("1 changed, 1 added");
    }

    @Test
    void aRemovedLineHasNoRightSide() {
        LineDiff diff = LineDiff.of("a\nb\nc", "a\nc");

        assertThat(diff.rows()).containsExactly(
                new LineDiff.Row(LineDiff.Kind.SAME, 1, "a", 1, "a"),
                new LineDiff.Row(LineDiff.Kind.REMOVED, 2, "b", 0, null),
                new LineDiff.Row(LineDiff.Kind.SAME, 3, "c", 2, "c"));
        assertThat(diff.removed()).isEqualTo(1);
    }

    @Test
    void identicalTextsHaveOnlySameRows() {
        LineDiff diff = LineDiff.of("x\ny\n", "x\ny\n");

        assertThat(diff.identical()).isTrue();
        assertThat(diff.summary()).isEqualTo("identical");
        assertThat(diff.rows()).hasSize(2);
    }

    @Test
    void aLongerReplacementPairsWhatItCanAndAddsTheRest() {
        LineDiff diff = LineDiff.of("a\nold\nz", "a\nnew1\nnew2\nz");

        assertThat(diff.rows()).extracting(LineDiff.Row::kind).containsExactly(
                LineDiff.Kind.SAME, LineDiff.Kind.CHANGED, LineDiff.Kind.ADDED, LineDiff.Kind.SAME);
        assertThat(diff.rows().get(3)).isEqualTo(new LineDiff.Row(LineDiff.Kind.SAME, 3, "z", 4, "z"));
    }

    @Test
    void theUnifiedListingPutsEachChangesRemovedLinesBeforeItsAddedOnes() {
        LineDiff diff = LineDiff.of("a\nold1\nold2\nz", "a\nnew\nz\ntail");

        assertThat(diff.unified()).containsExactly(
                new LineDiff.UnifiedLine(LineDiff.Side.BOTH, "a", 1, 1),
                new LineDiff.UnifiedLine(LineDiff.Side.LEFT, "old1", 2, 0),
                new LineDiff.UnifiedLine(LineDiff.Side.LEFT, "old2", 3, 0),
                new LineDiff.UnifiedLine(LineDiff.Side.RIGHT, "new", 0, 2),
                new LineDiff.UnifiedLine(LineDiff.Side.BOTH, "z", 4, 3),
                new LineDiff.UnifiedLine(LineDiff.Side.RIGHT, "tail", 0, 4));
    }

    @Test
    void windowsLineBreaksDoNotMakeLinesDiffer() {
        LineDiff diff = LineDiff.of("a\r\nb\r\n", "a\nb\n");

        assertThat(diff.identical()).isTrue();
        assertThat(diff.unified()).extracting(LineDiff.UnifiedLine::text).containsExactly("a", "b");
    }

    @Test
    void aMissingTextIsEmpty() {
        LineDiff diff = LineDiff.of(null, "only\n");

        assertThat(diff.rows()).containsExactly(new LineDiff.Row(LineDiff.Kind.ADDED, 0, null, 1, "only"));
        assertThat(diff.summary()).isEqualTo("1 added");
    }

    @Test
    void aSmallEditInALargeTextStaysSmall() {
        String left = "line\n".repeat(20_000);
        String right = left + "extra\n";

        LineDiff diff = LineDiff.of(left, right);

        assertThat(diff.summary()).isEqualTo("1 added");
        assertThat(diff.rows()).hasSize(20_001);
    }

    private static String numbers(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(i).append('\n');
        }
        return text.toString();
    }

    @Test
    void hunksCarryThreeLinesOfContextAndTheirHeadersReadAsDiffUDoes() {
        String left = numbers(1, 20);
        String right = left.replace("\n5\n", "\nfive\n").replace("\n16\n", "\nsixteen\n");

        List<LineDiff.Hunk> hunks = LineDiff.of(left, right).hunks(3);

        assertThat(hunks).extracting(LineDiff.Hunk::header).containsExactly("@@ -2,7 +2,7 @@", "@@ -13,7 +13,7 @@");
        assertThat(hunks.get(0).lines()).extracting(LineDiff.UnifiedLine::text)
                .containsExactly("2", "3", "4", "5", "five", "6", "7", "8");
    }

    @Test
    void changesWhoseContextsMeetShareOneHunk() {
        String left = numbers(1, 20);
        String right = left.replace("\n5\n", "\nfive\n").replace("\n12\n", "\ntwelve\n");

        assertThat(LineDiff.of(left, right).hunks(3)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -2,14 +2,14 @@");
    }

    @Test
    void aSideWithNoLinesInAHunkIsNumberedByTheLineBefore() {
        assertThat(LineDiff.of(null, "x\ny\n").hunks(3)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -0,0 +1,2 @@");
        assertThat(LineDiff.of(numbers(1, 5), numbers(1, 4)).hunks(3)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -2,4 +2,3 @@");
        assertThat(LineDiff.of(numbers(1, 5), numbers(2, 5)).hunks(3)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -1,4 +1,3 @@");
        assertThat(LineDiff.of("a\n", "a\nb\n").hunks(0)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -1,0 +2 @@");
    }

    @Test
    void identicalTextsHaveNoHunks() {
        assertThat(LineDiff.of("a\nb\n", "a\nb\n").hunks(3)).isEmpty();
    }
}
