package dev.reprise.ui.common;

import dev.reprise.flow.FlowFile;
import dev.reprise.workspace.FileDiff;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.RevisionDiff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the window's diff lists show of a revision diff: headings for the files of a folder, lines under them. */
class DiffItemTest {

    private static final String YAML = "id: f\nsteps:\n  a: { type: shell, run: sh a.sh }\n";

    private static FileDiff yaml(String left, String right) {
        return new FileDiff(FlowFolder.FLOW_FILE, left.equals(right) ? FileDiff.Change.UNCHANGED
                : FileDiff.Change.CHANGED, FileDiff.Content.TEXT, FlowFolder.sourceFile(left),
                FlowFolder.sourceFile(right), LineDiff.of(left, right));
    }

    private static FlowFile file(String path, long size) {
        return new FlowFile(path, size, "a".repeat(64));
    }

    @Test
    void aFlowWhoseFilesDidNotChangeListsItsYamlLinesWithoutHeadings() {
        RevisionDiff diff = new RevisionDiff("f", 1, 2, yaml(YAML, YAML.replace("a.sh", "b.sh")), List.of());

        List<DiffItem<LineDiff.Row>> items = DiffItem.sideBySide(diff);

        assertThat(items).hasSize(3).allMatch(item -> item instanceof DiffItem.Line<LineDiff.Row>);
        assertThat(DiffItem.firstMarked(items)).isEqualTo(2);
    }

    @Test
    void eachChangedFileComesUnderAHeadingWithItsPathAndABinaryOneHasNoLines() {
        FileDiff script = new FileDiff("a.sh", FileDiff.Change.CHANGED, FileDiff.Content.TEXT, file("a.sh", 6),
                file("a.sh", 9), LineDiff.of("echo 1\n", "echo 1\necho 2\n"));
        FileDiff binary = new FileDiff("m.bin", FileDiff.Change.ADDED, FileDiff.Content.BINARY, null,
                file("m.bin", 3), null);
        RevisionDiff diff = new RevisionDiff("f", 1, 2, yaml(YAML, YAML), List.of(script, binary));

        List<DiffItem<LineDiff.UnifiedLine>> items = DiffItem.unified(diff);

        assertThat(items).containsExactly(
                new DiffItem.Heading<>("flow.yaml", "no change"),
                new DiffItem.Heading<>("a.sh", "1 added"),
                new DiffItem.Line<>(new LineDiff.UnifiedLine(LineDiff.Side.BOTH, "echo 1", 1, 1), false),
                new DiffItem.Line<>(new LineDiff.UnifiedLine(LineDiff.Side.RIGHT, "echo 2", 0, 2), true),
                new DiffItem.Heading<>("m.bin", "added, binary, 3 bytes, not compared line by line"));
    }

    @Test
    void aChangedYamlOfAFolderListsItsLinesUnderItsHeading() {
        FileDiff removed = new FileDiff("a.sh", FileDiff.Change.REMOVED, FileDiff.Content.TEXT, file("a.sh", 7),
                null, LineDiff.of("exit 0\n", null));
        RevisionDiff diff = new RevisionDiff("f", 1, 2, yaml(YAML, YAML.replace("a.sh", "b.sh")), List.of(removed));

        List<DiffItem<LineDiff.Row>> items = DiffItem.sideBySide(diff);

        assertThat(items).hasSize(6);
        assertThat(items.get(0)).isEqualTo(new DiffItem.Heading<>("flow.yaml", "1 changed"));
        assertThat(items.get(4)).isEqualTo(new DiffItem.Heading<>("a.sh", "removed, 1 line"));
        assertThat(items.get(5)).isEqualTo(new DiffItem.Line<>(
                new LineDiff.Row(LineDiff.Kind.REMOVED, 1, "exit 0", 0, null), true));
        assertThat(DiffItem.sideBySide(null)).isEmpty();
    }
}
