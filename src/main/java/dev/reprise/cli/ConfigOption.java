package dev.reprise.cli;

import dev.reprise.workspace.RunConfig;
import dev.reprise.workspace.RunConfigFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --config FILE}: a run configuration file (YAML: flow, revision, name, inputs, steps, labels, env; see
 * {@link RunConfigFile}), shared by {@code run}, {@code replay}, {@code plan} and {@code snapshots run}. The
 * command's own options override the file's values.
 */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", description = {"A run configuration file (YAML: flow, revision, "
            + "name, inputs, steps, labels, env). Options given beside it override its values."})
    Path file;

    boolean given() {
        return file != null;
    }

    /**
     * The file, read and checked for its shape (each problem at its line and column), with {@code overrides}, the
     * command line's values, over its own; or, without a file, those values alone.
     */
    RunConfigFile read(RepriseCommand root, RunConfig overrides) {
        if (file == null) {
            return RunConfigFile.of(overrides);
        }
        return readFile(root, file).overriddenBy(overrides);
    }

    /** The run configuration file {@code path}, held to the command line's limit for a flow file. */
    static RunConfigFile readFile(RepriseCommand root, Path path) {
        return RunConfigFile.read(FlowsCommand.read(root, path, "a run configuration"), path.toString());
    }
}
