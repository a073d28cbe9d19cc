package dev.reprise.workspace;

import dev.reprise.flow.FileGlobs;
import dev.reprise.flow.FlowException;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowParser;
import dev.reprise.run.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * A flow kept as a folder, read from disk: its {@code flow.yaml} and the other files it names with
 * {@code files:} globs (by default every file of the folder but {@link #IGNORED} clutter), each with its size
 * and SHA-256 (by default the folder's {@code out/} is left out too, where steps write their output files).
 * Reading refuses, with {@link InvalidInputException} and before anything is stored, a folder
 * without {@code flow.yaml}, a glob that matches nothing, a path that leaves the folder ({@code ..}, an absolute
 * glob, a symbolic link pointing outside) and files larger together than {@link #MAX_BYTES}. Also the one
 * place that says what identifies a revision ({@link #revisionDigest}). Immutable.
 */
public record FlowFolder(Path folder, String source, List<Entry> files) {

    /** The flow file of a folder. */
    public static final String FLOW_FILE = "flow.yaml";

    /** The most bytes the files of one revision may hold together (besides {@code flow.yaml}). */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Left out of a folder's files by default: version control, Python caches and environments, Finder files. */
    public static final List<String> IGNORED = List.of(".git/", "__pycache__/", "*.pyc", ".venv/", ".DS_Store");

    /** What a step's working folder holds besides the revision's files: its outputs and Reprise's own files. */
    private static final List<String> RESERVED = List.of("out/", ".reprise/", ".reprise-outputs");

    /** One file of the folder: its path inside it, where it is on disk, its size and digest. */
    public record Entry(String path, Path file, long size, String sha256) {
        public FlowFile flowFile() {
            return new FlowFile(path, size, sha256);
        }
    }

    public FlowFolder {
        files = List.copyOf(files);
    }

    /** The name under which problems of {@code flow.yaml} are reported. */
    public String fileName() {
        return folder.resolve(FLOW_FILE).toString();
    }

    /** A revision's source as the file {@link #FLOW_FILE} of its folder: its size in UTF-8 and its SHA-256. */
    public static FlowFile sourceFile(String source) {
        return new FlowFile(FLOW_FILE, source.getBytes(StandardCharsets.UTF_8).length, Sha256.of(source));
    }

    public List<FlowFile> flowFiles() {
        return files.stream().map(Entry::flowFile).toList();
    }

    /** Whether {@code path} is a folder holding a {@code flow.yaml}, rather than a flow file. */
    public static boolean isFolder(Path path) {
        return Files.isDirectory(path);
    }

    /** Reads {@code folder} with the default size limit. */
    public static FlowFolder read(Path folder) {
        return read(folder, MAX_BYTES);
    }

    /** Reads {@code folder}, refusing files larger together than {@code maxBytes}. */
    public static FlowFolder read(Path folder, long maxBytes) {
        Path flowFile = folder.resolve(FLOW_FILE);
        if (!Files.isRegularFile(flowFile)) {
            throw new InvalidInputException("folder " + folder + " has no " + FLOW_FILE
                    + ": a flow folder holds its flow as " + FLOW_FILE + " beside the files it uses");
        }
        try {
            String source = Files.readString(flowFile, StandardCharsets.UTF_8);
            List<String> globs;
            try {
                globs = new FlowParser().parse(source, flowFile.toString()).files();
            } catch (FlowException e) {
                throw new InvalidInputException(e.problems());
            }
            Path root = folder.toRealPath();
            List<String> all = listFiles(folder, root);
            List<String> chosen = globs.isEmpty() ? all.stream().filter(p -> !ignored(p) && !reserved(p)).toList()
                    : select(all, globs, folder);
            return new FlowFolder(folder, source, entries(folder, root, chosen, maxBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read flow folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 that identifies a revision: of the source alone when there are no files (as for a flow
     * file), else of the source and of every file's path, size and digest, in path order.
     */
    public static String revisionDigest(String source, List<FlowFile> files) {
        if (files.isEmpty()) {
            return Sha256.of(source);
        }
        MessageDigest digest = Sha256.newDigest();
        digest.update(source.getBytes(StandardCharsets.UTF_8));
        files.stream().sorted(Comparator.comparing(FlowFile::path)).forEach(file -> digest.update(
                ("\0" + file.path() + "\0" + file.size() + "\0" + file.sha256()).getBytes(StandardCharsets.UTF_8)));
        return Sha256.hex(digest);
    }

    /** What is wrong with {@code path} as the path of a file in a flow folder; null if nothing. */
    public static String badPath(String path) {
        if (path.isEmpty() || path.contains("\\") || path.contains("\n") || FileGlobs.leaves(path)
                || path.endsWith("/")) {
            return "file path '" + path + "' is not a relative path inside the flow folder";
        }
        if (path.equals(FLOW_FILE)) {
            return "file path '" + path + "' is the flow itself";
        }
        if (reserved(path)) {
            return "file " + path + " is where steps write their outputs in their working folder ("
                    + String.join(", ", RESERVED) + "); move it or leave it out of files:";
        }
        return null;
    }

    /** Whether a step's working folder keeps {@code path} for what the step writes (see the shell executor). */
    private static boolean reserved(String path) {
        return RESERVED.stream().anyMatch(r -> r.endsWith("/") ? path.startsWith(r) : path.equals(r));
    }

    /** Every file below {@code folder} but {@code flow.yaml}, as sorted relative paths; links are not followed. */
    private static List<String> listFiles(Path folder, Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> relative(folder, p))
                    .filter(p -> !p.equals(FLOW_FILE))
                    .sorted().toList();
        }
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static boolean ignored(String path) {
        for (String pattern : IGNORED) {
            if (pattern.endsWith("/")) {
                String dir = pattern.substring(0, pattern.length() - 1);
                if (path.startsWith(dir + "/") || path.contains("/" + dir + "/")) {
                    return true;
                }
            } else {
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (pattern.startsWith("*") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> select(List<String> all, List<String> globs, Path folder) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> chosen = new LinkedHashMap<>();
        for (String glob : globs) {
            String outside = FileGlobs.outside(glob);
            if (outside != null) {
                problems.add(outside);
                continue;
            }
            List<String> matched;
            try {
                matched = FileGlobs.matching(glob, all);
            } catch (PatternSyntaxException e) {
                problems.add("files: glob '" + glob + "' is not a glob: " + e.getDescription());
                continue;
            }
            if (matched.isEmpty()) {
                problems.add("files: glob '" + glob + "' matches no file of " + folder);
            }
            matched.forEach(p -> chosen.put(p, true));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        return chosen.keySet().stream().sorted().toList();
    }

    private static List<Entry> entries(Path folder, Path root, List<String> paths, long maxBytes) throws IOException {
        List<Entry> entries = new ArrayList<>(paths.size());
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (String path : paths) {
            Path file = folder.resolve(path);
            String bad = badPath(path);
            if (bad != null) {
                problems.add(bad);
                continue;
            }
            if (Files.isSymbolicLink(file)) {
                Path target;
                try {
                    target = file.toRealPath();
                } catch (IOException e) {
                    problems.add("file " + path + " is a symbolic link to nothing");
                    continue;
                }
                if (!target.startsWith(root)) {
                    problems.add("file " + path + " is a symbolic link out of the flow folder (to " + target + ")");
                    continue;
                }
            }
            if (!Files.isRegularFile(file)) {
                problems.add("file " + path + " is not a regular file");
                continue;
            }
            long size = Files.size(file);
            total += size;
            entries.add(new Entry(path, file, size, null));
        }
        if (problems.isEmpty() && total > maxBytes) {
            Entry largest = entries.stream().max(Comparator.comparingLong(Entry::size)).orElseThrow();
            problems.add("the files of flow folder " + folder + " hold " + total + " bytes, more than the "
                    + maxBytes + " a revision may hold (the largest is " + largest.path() + ", " + largest.size()
                    + " bytes); name the files the flow needs with files: globs");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        List<Entry> hashed = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            try (InputStream in = Files.newInputStream(entry.file())) {
                Sha256.Summary summary = Sha256.of(in);
                hashed.add(new Entry(entry.path(), entry.file(), summary.size(), summary.hex()));
            }
        }
        return hashed;
    }
}
