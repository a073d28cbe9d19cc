package dev.reprise.engine;

import dev.reprise.flow.FlowFile;
import dev.reprise.run.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The working folder of an attempt of a flow kept as a folder: the files of the flow's revision, at their paths,
 * taken from the artifact store ({@link ArtifactStore#linkInto}: read-only hard links where the store is on the
 * same file system, no bytes copied; read-only copies elsewhere), beside the engine's own entries ({@link #OWN}).
 * {@link WorkingFolders} keeps such folders for reuse. Also the one place that fingerprints a revision's files for
 * the attempts that run with them. Stateless.
 */
final class WorkingFolder {

    private WorkingFolder() {
    }

    /**
     * The engine's own entries of a working folder that holds files: the {@code out} folder of a step's output files,
     * the {@code .reprise} folder of a python step's helper, inputs and outputs, and the {@code .reprise-outputs}
     * file of a shell step's outputs; laid out with the files, emptied when an attempt gives its folder back.
     */
    static final List<String> OWN = List.of("out", ".reprise", ".reprise-outputs");

    /**
     * Lays out {@code code} in {@code folder} (created if need be) from {@code artifacts}, with the engine's own
     * entries, and gives each folder of it the time {@link WorkingFolders#UNTOUCHED}. Answers whether every file is
     * a link to its stored file rather than a copy.
     */
    static boolean prepare(Path folder, List<FlowFile> code, ArtifactStore artifacts) throws IOException {
        Path base = Files.createDirectories(folder).toAbsolutePath().normalize();
        Set<Path> made = new HashSet<>();
        made.add(base);
        boolean linked = true;
        for (FlowFile file : code) {
            Path target = base.resolve(file.path()).normalize();
            if (!target.startsWith(base) || target.equals(base)) {
                throw new IOException("file " + file.path() + " of the revision leaves the working folder");
            }
            if (made.add(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            try {
                linked &= artifacts.linkInto(file.sha256(), target);
            } catch (IllegalArgumentException missing) {
                throw new IOException("file " + file.path() + " of the revision is not in the artifact store ("
                        + missing.getMessage() + ")", missing);
            }
        }
        if (!keepable(code)) {
            return linked;
        }
        Files.createDirectory(base.resolve("out"));
        Files.createDirectory(base.resolve(".reprise"));
        Files.createFile(base.resolve(".reprise-outputs"));
        List<String> folders = new ArrayList<>(folders(code));
        folders.addAll(List.of("out", ".reprise"));
        for (String dir : folders) {
            Files.setLastModifiedTime(dir.isEmpty() ? base : base.resolve(dir), WorkingFolders.UNTOUCHED);
        }
        return linked;
    }

    /** Whether the files leave the names of the engine's own entries free, so that a folder of them can be kept. */
    static boolean keepable(List<FlowFile> code) {
        for (FlowFile file : code) {
            int slash = file.path().indexOf('/');
            if (OWN.contains(slash < 0 ? file.path() : file.path().substring(0, slash))) {
                return false;
            }
        }
        return true;
    }

    /** The folders a working folder of {@code code} has, relative to it: {@code ""} (itself) first. */
    static List<String> folders(List<FlowFile> code) {
        Set<String> folders = new TreeSet<>();
        for (FlowFile file : code) {
            for (int slash = file.path().lastIndexOf('/'); slash > 0; slash = file.path().lastIndexOf('/', slash - 1)) {
                if (!folders.add(file.path().substring(0, slash))) {
                    break;
                }
            }
        }
        List<String> all = new ArrayList<>(folders.size() + 1);
        all.add("");
        all.addAll(folders);
        return all;
    }

    /** Empties the engine's own entries of {@code base} as {@link #prepare} made them; fails if one is missing. */
    static void emptyOwn(Path base) throws IOException {
        for (String folder : List.of("out", ".reprise")) {
            Path dir = base.resolve(folder);
            if (!WorkingFolders.untouched(dir)) {
                deleteTree(dir, true);
                Files.setLastModifiedTime(dir, WorkingFolders.UNTOUCHED);
            }
        }
        Path outputs = base.resolve(".reprise-outputs");
        if (!Files.isRegularFile(outputs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(outputs + " is not a file");
        }
        if (Files.size(outputs) > 0) {
            Files.write(outputs, new byte[0]);
        }
    }

    /** Whether the engine's own entries of {@code base} are as {@link #prepare} or {@link #emptyOwn} left them. */
    static boolean ownEmpty(Path base) throws IOException {
        if (!WorkingFolders.untouched(base.resolve("out")) || !WorkingFolders.untouched(base.resolve(".reprise"))) {
            return false;
        }
        BasicFileAttributes outputs = Files.readAttributes(base.resolve(".reprise-outputs"),
                BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return outputs.isRegularFile() && outputs.size() == 0;
    }

    /**
     * Deletes the tree at {@code dir}, or with {@code keepDir} only what it holds; symbolic links are deleted, not
     * followed. The one way the engine deletes a folder: scratch folders of attempts and runs, kept working folders
     * and the engine's own entries.
     */
    static void deleteTree(Path dir, boolean keepDir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                if (!keepDir || !folder.equals(dir)) {
                    Files.deleteIfExists(folder);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * A recorded fingerprint without the part the files make ({@link #fingerprint}): the handler's own, which is
     * what {@link Engine#fingerprint} answers now (the files are compared file by file).
     */
    static String handlerPart(String fingerprint) {
        int files = fingerprint.indexOf("+files:");
        return files < 0 ? fingerprint : fingerprint.substring(0, files);
    }

    /**
     * The part of a step's code fingerprint that {@code code}, the files of the revision it uses, make,
     * {@code "+files:<digest>"}, or empty when it uses none.
     */
    static String fingerprint(List<FlowFile> code) {
        if (code.isEmpty()) {
            return "";
        }
        MessageDigest digest = Sha256.newDigest();
        for (FlowFile file : code) {
            digest.update((file.path() + "\0" + file.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "+files:" + Sha256.hex(digest).substring(0, 16);
    }
}
