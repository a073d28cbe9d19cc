package dev.reprise.cli;

import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowRevision;
import dev.reprise.flow.Problem;
import dev.reprise.workspace.ApplyResult;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.FlowSummary;
import dev.reprise.workspace.InvalidInputException;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code reprise flows apply|validate|list|show|diff|export}. */
@Command(name = "flows", description = "Apply, validate, list, show, compare and export flows.",
        subcommands = {FlowsCommand.Apply.class, FlowsCommand.Validate.class, FlowsCommand.ListFlows.class,
                FlowsCommand.Show.class, FlowsDiffCommand.class, FlowsCommand.Export.class})
final class FlowsCommand {

    /**
     * The largest flow file the command line reads unless {@value #MAX_FLOW_BYTES_VARIABLE} says otherwise: 4 MiB,
     * over three times a generated 10,000-step flow (1.2 MB), which parses and validates in about 3 s; a larger
     * file is more likely a mistake (or an attack) than a flow, and is refused before it is read.
     */
    static final long MAX_FLOW_BYTES = 4L * 1024 * 1024;
    static final String MAX_FLOW_BYTES_VARIABLE = "REPRISE_MAX_FLOW_BYTES";

    /** The flow file's text, refused before it is read when it is larger than the command line's limit. */
    static String read(RepriseCommand root, Path file) {
        return read(root, file, "a flow file");
    }

    /** The text of {@code file}, {@code what} (a flow file, a run configuration), held to the same limit. */
    static String read(RepriseCommand root, Path file, String what) {
        long limit = root.maxFlowBytes();
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s is %,d bytes, over the limit of %,d bytes for %s; set %s to a larger number "
                                + "of bytes to read it", file, size, limit, what, MAX_FLOW_BYTES_VARIABLE));
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A flow as given on the command line: a flow file, or a folder holding {@code flow.yaml} and the files it
     * uses (read, with every refusal of a bad folder, before anything is stored).
     */
    record Given(Path path, String source, String fileName, FlowFolder folder) {

        static Given read(RepriseCommand root, Path path) {
            if (FlowFolder.isFolder(path)) {
                Path flowFile = path.resolve(FlowFolder.FLOW_FILE);
                if (Files.isRegularFile(flowFile)) {
                    FlowsCommand.read(root, flowFile); // the limit of a flow file holds for a folder's too
                }
                FlowFolder folder = FlowFolder.read(path);
                return new Given(path, folder.source(), folder.fileName(), folder);
            }
            return new Given(path, FlowsCommand.read(root, path), path.toString(), null);
        }

        ApplyResult apply(Workspace workspace) {
            return folder == null ? workspace.applyFlow(source, fileName) : FlowFolders.apply(workspace, folder);
        }

        /** Every problem {@link #apply} would refuse it for; a folder's code is checked against its files. */
        List<Problem> validate(Workspace workspace) {
            return folder == null ? workspace.validateFlow(source, fileName)
                    : workspace.validateFlow(source, fileName, folder.flowFiles());
        }
    }

    static RepriseCommand root(CommandSpec spec) {
        return (RepriseCommand) spec.root().userObject();
    }

    @Command(name = "apply", description = {"Validate flow files and store each as a new revision if it changed.",
            "A flow folder (flow.yaml and the files it uses) is stored with its files.",
            "Nothing is stored unless every file is valid."})
    static final class Apply implements Callable<Integer> {

        /** One file applied, as {@code --json} prints it: its flow's revision and whether it is new. */
        record Applied(String file, String flowId, int revision, boolean created) {
        }

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE|FOLDER")
        List<Path> files;

        @Option(names = "--json", description = "Print the revisions as JSON.")
        boolean json;

        @Override
        public Integer call() {
            RepriseCommand root = root(spec);
            List<Given> given = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            for (Path file : files) {
                Given one = Given.read(root, file);
                given.add(one);
                problems.addAll(one.validate(root.workspace()));
            }
            if (!problems.isEmpty()) {
                // nothing is applied unless every file is valid
                throw new InvalidInputException(problems);
            }
            List<Applied> applied = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                ApplyResult result = given.get(i).apply(root.workspace());
                FlowRevision r = result.revision();
                applied.add(new Applied(files.get(i).toString(), r.flowId(), r.revision(), result.created()));
                if (!json) {
                    root.out.println(r.flowId() + " revision " + r.revision()
                            + (result.created() ? " (new)" : " (unchanged)"));
                }
            }
            if (json) {
                Format.json(root.out, applied);
            }
            return 0;
        }
    }

    @Command(name = "validate", description = {"Check flow files and print every problem; stores nothing.",
            "Exit code 0 if every file is valid, 2 if one is not."})
    static final class Validate implements Callable<Integer> {

        /** What {@code --json} prints: whether every file is valid, and each file's problems. */
        record Validated(boolean valid, List<FileProblems> files) {
            Validated {
                files = List.copyOf(files);
            }
        }

        /** One file checked: its problems, none when it is valid. */
        record FileProblems(String file, boolean valid, List<Problem> problems) {
            FileProblems {
                problems = List.copyOf(problems);
            }
        }

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE|FOLDER")
        List<Path> files;

        @Option(names = "--json", description = "Print every file's problems as JSON (on stdout, nothing on stderr).")
        boolean json;

        @Override
        public Integer call() {
            RepriseCommand root = root(spec);
            List<FileProblems> checked = new ArrayList<>();
            for (Path file : files) {
                Given given = Given.read(root, file);
                List<Problem> problems = given.validate(root.workspace());
                checked.add(new FileProblems(file.toString(), problems.isEmpty(), problems));
            }
            boolean valid = checked.stream().allMatch(FileProblems::valid);
            if (json) {
                Format.json(root.out, new Validated(valid, checked));
            } else {
                for (FileProblems each : checked) {
                    if (each.valid()) {
                        root.out.println(each.file() + ": ok");
                    }
                    each.problems().forEach(p -> root.err.println("error: " + p));
                }
            }
            return valid ? 0 : Cli.BAD_INPUT;
        }
    }

    @Command(name = "list", description = "List the flows of the workspace.")
    static final class ListFlows implements Callable<Integer> {
        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            List<FlowSummary> flows = output.root().workspace().flows();
            return output.table(flows, List.of("FLOW", "REVISION", "UPDATED", "DESCRIPTION"), Set.of("DESCRIPTION"),
                    flow -> List.of(flow.id(), String.valueOf(flow.latestRevision()), Format.time(flow.updatedAt()),
                            flow.description() == null ? "" : flow.description()));
        }
    }

    @Command(name = "show", description = {"Print a flow revision's source (latest unless --revision).",
            "With --files, list the files of a flow folder's revision instead: path, size and SHA-256."})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FLOW")
        String flowId;

        @Option(names = "--revision", paramLabel = "N")
        Integer revision;

        @Option(names = "--json", description = "Print JSON (with every revision's number).")
        boolean json;

        @Option(names = "--files", description = "List the revision's files (flow.yaml first) rather than its source.")
        boolean files;

        @Override
        public Integer call() {
            RepriseCommand root = root(spec);
            Workspace workspace = root.workspace();
            FlowRevision r = workspace.revision(flowId, revision);
            if (files) {
                List<FlowFile> listed = new ArrayList<>();
                listed.add(FlowFolder.sourceFile(r.source()));
                listed.addAll(r.files());
                if (json) {
                    Format.json(root.out, listed);
                } else {
                    for (FlowFile file : listed) {
                        root.out.println(file.path() + "\t" + file.size() + "\t" + file.sha256());
                    }
                }
                return 0;
            }
            if (json) {
                Format.json(root.out, r);
            } else {
                root.out.println("# " + r.flowId() + " revision " + r.revision() + " of "
                        + workspace.revisions(flowId).size() + ", saved " + Format.time(r.createdAt()));
                root.out.print(r.source());
                if (!r.source().endsWith("\n")) {
                    root.out.println();
                }
            }
            return 0;
        }
    }

    @Command(name = "export", description = {"Write a flow revision out as a folder: flow.yaml and its files.",
            "The folder must not exist or be empty; nothing is overwritten."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FLOW")
        String flowId;

        @Option(names = "--revision", paramLabel = "N", description = "The revision (default: the latest).")
        Integer revision;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write.")
        Path out;

        @Override
        public Integer call() {
            RepriseCommand root = root(spec);
            Workspace workspace = root.workspace();
            FlowRevision r = workspace.revision(flowId, revision);
            try {
                if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
                    throw new InvalidInputException(out + " exists and is not an empty folder; nothing was written");
                }
                Path base = Files.createDirectories(out).toAbsolutePath().normalize();
                Files.writeString(base.resolve(FlowFolder.FLOW_FILE), r.source(), StandardCharsets.UTF_8);
                for (FlowFile file : r.files()) {
                    Path target = base.resolve(file.path()).normalize();
                    if (FlowFolder.badPath(file.path()) != null || !target.startsWith(base)) {
                        throw new InvalidInputException(FlowFolder.badPath(file.path()));
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = workspace.openArtifact(file.sha256())) {
                        Files.copy(in, target);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            root.out.println(r.flowId() + " revision " + r.revision() + " written to " + out + " ("
                    + (r.files().size() + 1) + " files)");
            return 0;
        }

        private static boolean isEmpty(Path folder) throws IOException {
            try (var entries = Files.list(folder)) {
                return entries.findAny().isEmpty();
            }
        }
    }
}
