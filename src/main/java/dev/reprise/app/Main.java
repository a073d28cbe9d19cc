package dev.reprise.app;

import dev.reprise.cli.Cli;
import dev.reprise.workspace.LocalWorkspace;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The composition root: decides which workspace implementation the CLI gets and runs the command line.
 * With no arguments it runs the bundled demo (the desktop window takes this place once it exists).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Cli cli = new Cli(folder -> LocalWorkspace.open(folder, LocalWorkspace.Options.defaults()),
                defaultWorkspace());
        return cli.execute(args.length == 0 ? new String[] {"demo"} : args, out, err);
    }

    /** {@code $REPRISE_WORKSPACE}, or {@code ~/.reprise/workspace}. */
    static Path defaultWorkspace() {
        String env = System.getenv("REPRISE_WORKSPACE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".reprise", "workspace");
    }
}
