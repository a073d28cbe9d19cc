package dev.reprise.cli;

import dev.reprise.flow.FlowFile;
import dev.reprise.workspace.FileDiff;
import dev.reprise.workspace.LineDiff;
import dev.reprise.workspace.RevisionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code reprise flows diff FLOW A B}: how a flow differs from revision A to revision B, as a unified diff with
 * a few lines of context, the way {@code git diff} reads — its {@code flow.yaml}, then every file of a flow folder
 * added, removed or changed, one section each; binary files and files too large to compare are named with their
 * sizes, not printed. With {@code --json}, the same as one document.
 */
@Command(name = "diff", description = {"Show how a flow changed from revision A to revision B: flow.yaml and every "
        + "file of a flow folder added, removed or changed, as a unified diff.",
        "Binary files and files over 256 KiB are named with their sizes, not compared line by line."})
final class FlowsDiffCommand implements Callable<Integer> {

    /** What {@code --json} prints: the revisions compared and each file that differs, flow.yaml first. */
    record Printed(String flowId, int left, int right, boolean identical, String summary, List<FileJson> files) {
        Printed {
            files = List.copyOf(files);
        }
    }

    /**
     * One file that differs: each side as its revision holds it (null where the file is not), the lines added and
     * removed, and the hunks of its unified diff (empty when it was not compared line by line).
     */
    record FileJson(String path, FileDiff.Change change, FileDiff.Content content, String summary, FlowFile left,
                    FlowFile right, int linesAdded, int linesRemoved, List<LineDiff.Hunk> hunks) {
        FileJson {
            hunks = List.copyOf(hunks);
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FLOW", description = "The flow's id.")
    String flowId;

    @Parameters(index = "1", paramLabel = "A", description = "The revision to compare from.")
    int left;

    @Parameters(index = "2", paramLabel = "B", description = "The revision to compare to.")
    int right;

    @Option(names = {"-U", "--context"}, paramLabel = "N", defaultValue = "3",
            description = "Lines of context around each change (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--json", description = "Print the diff as JSON: each file with its hunks.")
    boolean json;

    @Override
    public Integer call() {
        if (context < 0) {
            throw new ParameterException(spec.commandLine(), "--context is a number of lines, 0 or more, not "
                    + context);
        }
        RepriseCommand root = FlowsCommand.root(spec);
        RevisionDiff diff = root.workspace().diffRevisions(flowId, left, right);
        if (json) {
            Format.json(root.out, new Printed(diff.flowId(), diff.left(), diff.right(), diff.identical(),
                    diff.summary(), diff.changed().stream().map(this::json).toList()));
        } else {
            print(root.out, root.screen(), diff);
        }
        return 0;
    }

    private FileJson json(FileDiff file) {
        return new FileJson(file.path(), file.change(), file.content(), file.summary(), file.left(), file.right(),
                file.linesAdded(), file.linesRemoved(), file.lines() == null ? List.of() : file.lines().hunks(context));
    }

    private void print(PrintWriter out, Screen screen, RevisionDiff diff) {
        out.println("# " + diff.flowId() + " revision " + diff.left() + " → " + diff.right() + ": " + diff.summary());
        for (FileDiff file : diff.changed()) {
            String path = file.path();
            out.println(screen.bold("diff a/" + path + " b/" + path));
            if (file.content() != FileDiff.Content.TEXT || file.change() != FileDiff.Change.CHANGED
                    || file.lines().identical()) {
                out.println(file.summary());
            }
            if (file.lines() == null) {
                continue;
            }
            out.println(screen.bold(file.change() == FileDiff.Change.ADDED ? "--- /dev/null"
                    : "--- a/" + path + "\trevision " + diff.left()));
            out.println(screen.bold(file.change() == FileDiff.Change.REMOVED ? "+++ /dev/null"
                    : "+++ b/" + path + "\trevision " + diff.right()));
            for (LineDiff.Hunk hunk : file.lines().hunks(context)) {
                out.println(screen.hunk(hunk.header()));
                for (LineDiff.UnifiedLine line : hunk.lines()) {
                    out.println(switch (line.side()) {
                        case BOTH -> " " + line.text();
                        case LEFT -> screen.removed("-" + line.text());
                        case RIGHT -> screen.added("+" + line.text());
                    });
                }
            }
        }
    }
}
