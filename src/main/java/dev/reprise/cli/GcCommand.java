package dev.reprise.cli;

import dev.reprise.flow.InputType;
import dev.reprise.workspace.CollectingWorkspace;
import dev.reprise.workspace.WorkspaceBusyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "gc", description = {"Delete the artifacts that no run refers to any more.",
        "Deleted runs leave their files behind, as other runs may share them; this removes those nothing refers to "
                + "(no run, step or snapshot), keeping files newer than --keep-newer-than. Runs on a local workspace "
                + "folder (a server's too, while the server is stopped). On a terminal it asks first; elsewhere it "
                + "needs --yes. --dry-run only counts what would go."})
final class GcCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-newer-than", paramLabel = "DURATION", defaultValue = "1h",
            description = "Keep files written within this long (default 1h), e.g. 30m, 2h, 0s.")
    String keep;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Count what would be removed, and remove nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print what was removed as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RepriseCommand root = FlowsCommand.root(spec);
        if (root.isRemote()) {
            throw new IllegalArgumentException("gc works on a workspace folder: run it on the server's machine with "
                    + "--workspace DIR while the server is stopped");
        }
        Duration keepNewerThan = InputType.parseDuration(keep);
        if (!(root.workspace() instanceof CollectingWorkspace local)) {
            throw new WorkspaceBusyException("gc needs to hold the workspace, and another Reprise process (the app, "
                    + "a server or a command) holds it now: try again once it has ended");
        }
        if (!dryRun && !Confirmation.confirmed(root, yes, "gc", "Delete the artifacts no run refers to, written over "
                + keep + " ago, from " + local.location() + "?")) {
            return Cli.RUN_FAILED;
        }
        CollectingWorkspace.Collected collected = local.collectGarbage(keepNewerThan, dryRun);
        if (json) {
            Format.json(root.out, collected);
        } else {
            root.out.printf("%s %d artifacts (%s), kept %d%n", dryRun ? "would remove" : "removed", collected.removed(),
                    bytes(collected.freedBytes()), collected.kept());
        }
        return Cli.OK;
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
