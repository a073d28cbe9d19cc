package dev.reprise.workspace;

import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a flow differs from revision {@code left} to revision {@code right}: its YAML ({@code source}, always
 * compared line by line, and {@link FileDiff.Change#UNCHANGED} when equal) and every file of a flow folder that
 * was added, removed or changed ({@code files}, by path; files equal on both sides are left out). Built from the
 * revisions and the artifacts that hold their files through the {@link Workspace} contract alone, so a local and
 * a remote workspace give the same diff; only the changed files' bytes are read. {@code flowId} is the right
 * revision's flow (the two may be of different flows when two runs are compared). Immutable.
 */
public record RevisionDiff(String flowId, int left, int right, FileDiff source, List<FileDiff> files) {

    public RevisionDiff {
        files = List.copyOf(files);
    }

    /** The diff of revision {@code left} of flow {@code flowId} to its revision {@code right}. */
    public static RevisionDiff of(Workspace workspace, String flowId, int left, int right) {
        return between(workspace, workspace.revision(flowId, left), workspace.revision(flowId, right));
    }

    /** The diff of revision {@code left} to revision {@code right}, whose files are read from {@code workspace}. */
    public static RevisionDiff between(Workspace workspace, FlowRevision left, FlowRevision right) {
        FileDiff source = new FileDiff(FlowFolder.FLOW_FILE,
                left.source().equals(right.source()) ? FileDiff.Change.UNCHANGED : FileDiff.Change.CHANGED,
                FileDiff.Content.TEXT, FlowFolder.sourceFile(left.source()), FlowFolder.sourceFile(right.source()),
                LineDiff.of(left.source(), right.source()));
        Map<String, FlowFile> before = byPath(left.files());
        Map<String, FlowFile> after = byPath(right.files());
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<FileDiff> files = new ArrayList<>();
        for (String path : paths) {
            FlowFile l = before.get(path);
            FlowFile r = after.get(path);
            if (l != null && r != null && l.sha256().equals(r.sha256())) {
                continue;
            }
            boolean read = FileDiff.readsContent(l, r);
            files.add(FileDiff.of(path, l, read ? bytes(workspace, l) : null, r, read ? bytes(workspace, r) : null));
        }
        return new RevisionDiff(right.flowId(), left.revision(), right.revision(), source, files);
    }

    private static Map<String, FlowFile> byPath(List<FlowFile> files) {
        return files.stream().collect(Collectors.toMap(FlowFile::path, Function.identity(), (a, b) -> a,
                TreeMap::new));
    }

    private static byte[] bytes(Workspace workspace, FlowFile file) {
        if (file == null) {
            return null;
        }
        try (InputStream in = workspace.openArtifact(file.sha256())) {
            // no more than a file compared line by line may hold, whatever its record says
            return in.readNBytes((int) FileDiff.MAX_TEXT_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read file " + file.path() + " (" + file.sha256() + "): "
                    + e.getMessage(), e);
        }
    }

    /** True when the YAML and every file are the same on both sides. */
    public boolean identical() {
        return source.change() == FileDiff.Change.UNCHANGED && files.isEmpty();
    }

    /** The files that differ, the YAML first when it does: what a diff prints, one section each. */
    public List<FileDiff> changed() {
        List<FileDiff> changed = new ArrayList<>();
        if (source.change() != FileDiff.Change.UNCHANGED) {
            changed.add(source);
        }
        changed.addAll(files);
        return List.copyOf(changed);
    }

    /**
     * What changed, in words: the YAML's lines ("1 changed", as {@link LineDiff#summary()} says it, when no
     * file changed), then how many files were added, removed and changed
     * ("flow.yaml: 1 changed · files: 1 added, 1 changed"), or "identical".
     */
    public String summary() {
        if (files.isEmpty()) {
            return source.lines().summary();
        }
        List<String> kinds = new ArrayList<>();
        for (FileDiff.Change change : List.of(FileDiff.Change.ADDED, FileDiff.Change.REMOVED, FileDiff.Change.CHANGED)) {
            long count = files.stream().filter(f -> f.change() == change).count();
            if (count > 0) {
                kinds.add(count + " " + change.name().toLowerCase(Locale.ROOT));
            }
        }
        String filesPart = "files: " + String.join(", ", kinds);
        return source.change() == FileDiff.Change.UNCHANGED ? filesPart
                : FlowFolder.FLOW_FILE + ": " + source.summary() + " · " + filesPart;
    }
}
