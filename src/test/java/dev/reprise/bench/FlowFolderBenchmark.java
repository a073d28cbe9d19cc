package dev.reprise.bench;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flow folder of 1,000 files (10 MB): the time to apply it, the bytes a second revision that changes one file
 * adds to the artifact store, and what preparing each step's working folder costs — a run of 200 no-op steps
 * with the folder's files against the same run of a flow without files, side by side in one JVM; and 40 shell steps
 * that leave their working folder as they found it (so the next step takes it) against 40 that write a file into it
 * (so that every step's folder is laid out anew, as before working folders were kept).
 * Run with {@code mvn -Pbench test -Dtest=FlowFolderBenchmark}.
 */
@Tag("bench")
class FlowFolderBenchmark {

    private static final int FILES = 1000;
    private static final int FILE_BYTES = 10 * 1024;
    private static final int STEPS = 200;
    private static final int SHELL_STEPS = 40;

    @Test
    void applyAndPrepareWorkingFolders(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("big"));
        StringBuilder flow = new StringBuilder("id: big\nsteps:\n");
        for (int s = 0; s < STEPS; s++) {
            flow.append("  s").append(s).append(": { type: noop }\n");
        }
        Files.writeString(folder.resolve("flow.yaml"), flow);
        Random random = new Random(1);
        byte[] bytes = new byte[FILE_BYTES];
        for (int i = 0; i < FILES; i++) {
            random.nextBytes(bytes);
            Path file = folder.resolve("part" + i / 100).resolve("f" + i + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        }
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("flow.yaml"), flow.toString().replace("id: big", "id: plain"));
        // shell steps of the big folder: ones that leave their folder as they found it, and ones that write into it
        Path shell = Files.createDirectories(dir.resolve("shell"));
        copyTree(folder, shell);
        Files.writeString(shell.resolve("flow.yaml"), shellFlow("clean", "true"));
        Path dirty = Files.createDirectories(dir.resolve("dirty"));
        copyTree(folder, dirty);
        Files.writeString(dirty.resolve("flow.yaml"), shellFlow("dirty", "touch written.txt"));

        try (LocalWorkspace workspace = LocalWorkspaces.open(dir.resolve("ws"), LocalWorkspaces.Options.defaults())) {
            long t0 = System.nanoTime();
            FlowFolders.apply(workspace, FlowFolder.read(folder));
            long apply = System.nanoTime() - t0;
            long before = size(dir.resolve("ws/artifacts"));
            random.nextBytes(bytes);
            Files.write(folder.resolve("part0/f0.bin"), bytes);
            t0 = System.nanoTime();
            int second = FlowFolders.apply(workspace, FlowFolder.read(folder)).revision().revision();
            long applyAgain = System.nanoTime() - t0;
            long added = size(dir.resolve("ws/artifacts")) - before;
            FlowFolders.apply(workspace, FlowFolder.read(plain));
            FlowFolders.apply(workspace, FlowFolder.read(shell));
            FlowFolders.apply(workspace, FlowFolder.read(dirty));
            System.out.printf("%napply a folder of %,d files (%,d bytes): %.0f ms; revision %d after one file "
                            + "changed: %.0f ms, %,d bytes stored (the file is %,d bytes)%n", FILES,
                    (long) FILES * FILE_BYTES, apply / 1e6, second, applyAgain / 1e6, added, FILE_BYTES);
            for (int round = 0; round < 3; round++) {
                long withFiles = runNanos(workspace, "big");
                long without = runNanos(workspace, "plain");
                System.out.printf("run of %d no-op steps: %.0f ms with %,d files, %.0f ms without: "
                                + "%.2f ms per step to prepare its working folder%n", STEPS, withFiles / 1e6, FILES,
                        without / 1e6, (withFiles - without) / 1e6 / STEPS);
            }
            for (int round = 0; round < 3; round++) {
                long clean = runNanos(workspace, "clean");
                long written = runNanos(workspace, "dirty");
                System.out.printf("run of %d shell steps with %,d files: %.0f ms when each leaves its working folder "
                                + "as it found it (kept for the next), %.0f ms when each writes a file into it "
                                + "(laid out anew): %.2f ms more per step%n", SHELL_STEPS, FILES, clean / 1e6,
                        written / 1e6, (written - clean) / 1e6 / SHELL_STEPS);
            }
        }
    }

    private static String shellFlow(String id, String command) {
        StringBuilder flow = new StringBuilder("id: " + id + "\nsteps:\n");
        for (int s = 0; s < SHELL_STEPS; s++) {
            flow.append("  s").append(s).append(": { type: shell, run: '").append(command).append("' }\n");
        }
        return flow.toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static long runNanos(LocalWorkspace workspace, String flowId) {
        long t0 = System.nanoTime();
        Run run = workspace.await(workspace.start(StartRequest.of(flowId)).id());
        long nanos = System.nanoTime() - t0;
        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        return nanos;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
