package dev.reprise.engine;

import dev.reprise.flow.FlowFile;
import dev.reprise.run.ArtifactRef;
import dev.reprise.store.FileArtifactStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Working folders kept for the next attempt with the same files, on a real artifact store and file system: what a
 * kept folder holds, and every way an attempt can change its folder so that it must not be kept.
 */
class WorkingFoldersTest {

    @TempDir
    Path dir;

    private FileArtifactStore store;
    private WorkingFolders folders;
    private Path scratch;
    private final List<Path> deleted = new ArrayList<>();
    private List<FlowFile> code;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileArtifactStore(dir.resolve("artifacts"));
        scratch = Files.createDirectories(dir.resolve("tmp"));
        folders = new WorkingFolders(scratch, store, 2, this::delete);
        code = List.of(file("flow.yaml", "id: f"), file("clean.py", "print(1)"), file("lib/util.py", "x = 1"),
                file("lib/deep/more.py", "y = 2"));
    }

    @AfterEach
    void tearDown() {
        folders.close();
    }

    private FlowFile file(String path, String text) {
        ArtifactRef ref = store.put(text.getBytes(StandardCharsets.UTF_8), path, "text/plain");
        return new FlowFile(path, ref.size(), ref.sha256());
    }

    private void delete(Path folder) {
        deleted.add(folder);
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException gone) {
            // nothing to delete
        }
    }

    private Path attempt(String name) throws IOException {
        Path workDir = scratch.resolve("run").resolve(name);
        folders.prepare(workDir, code);
        return workDir;
    }

    private static List<String> listing(Path base) throws IOException {
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(p -> !p.equals(base)).map(p -> base.relativize(p).toString()).sorted().toList();
        }
    }

    private static Object inode(Path path) throws IOException {
        return Files.readAttributes(path, "unix:ino", LinkOption.NOFOLLOW_LINKS).get("ino");
    }

    @Test
    void aFolderLaidOutHoldsTheFilesAsLinksToTheStoreAndTheEnginesOwnEntries() throws IOException {
        Path workDir = attempt("a-1");

        assertThat(listing(workDir)).containsExactly(".reprise", ".reprise-outputs", "clean.py", "flow.yaml", "lib",
                "lib/deep", "lib/deep/more.py", "lib/util.py", "out");
        assertThat(inode(workDir.resolve("lib/util.py"))).isEqualTo(inode(store.path(code.get(2).sha256())));
        assertThat(Files.readString(workDir.resolve("lib/deep/more.py"))).isEqualTo("y = 2");
    }

    @Test
    void aFolderGivenBackAsItWasIsTakenByTheNextAttemptWithTheSameFiles() throws IOException {
        Path first = attempt("a-1");
        Object folder = inode(first);
        List<String> laidOut = listing(first);

        folders.release(first, code);
        assertThat(first).doesNotExist();
        assertThat(folders.keptFolders()).hasSize(1);

        Path second = attempt("b-1");
        assertThat(inode(second)).as("the same folder, renamed").isEqualTo(folder);
        assertThat(listing(second)).isEqualTo(laidOut);
        assertThat(folders.keptFolders()).isEmpty();
        assertThat(deleted).isEmpty();
    }

    @Test
    void whatAnAttemptWroteIntoItsOwnEntriesIsEmptiedBeforeTheFolderIsKept() throws IOException {
        Path first = attempt("a-1");
        Files.writeString(first.resolve("out/report.csv"), "a,b");
        Files.createDirectories(first.resolve(".reprise/lib"));
        Files.writeString(first.resolve(".reprise/lib/reprise.py"), "helper");
        Files.writeString(first.resolve(".reprise-outputs"), "x=1\n");
        List<String> expected = listing(attempt("other-1"));
        folders.release(scratch.resolve("run/other-1"), code);

        folders.release(first, code);
        assertThat(folders.keptFolders()).hasSize(2);
        Path second = attempt("b-1");
        Path third = attempt("c-1");

        for (Path next : List.of(second, third)) {
            assertThat(listing(next)).isEqualTo(expected);
            assertThat(Files.size(next.resolve(".reprise-outputs"))).isZero();
        }
    }

    @Test
    void aFolderAnAttemptAddedAFileToIsDeletedNotKept() throws IOException {
        Path first = attempt("a-1");
        Files.writeString(first.resolve("junk.txt"), "left behind");

        folders.release(first, code);

        assertThat(folders.keptFolders()).isEmpty();
        assertThat(deleted).containsExactly(first);
        assertThat(listing(attempt("b-1"))).doesNotContain("junk.txt");
    }

    @Test
    void aFolderWithAFileDeletedDeepInsideIsNotKept() throws IOException {
        Path first = attempt("a-1");
        Files.delete(first.resolve("lib/deep/more.py"));

        folders.release(first, code);

        assertThat(folders.keptFolders()).isEmpty();
        assertThat(listing(attempt("b-1"))).contains("lib/deep/more.py");
    }

    @Test
    void aFolderWithAFileReplacedUnderItsNameIsNotKept() throws IOException {
        Path first = attempt("a-1");
        Path other = Files.writeString(first.resolve("out/new.py"), "print(2)");
        Files.move(other, first.resolve("clean.py"), StandardCopyOption.REPLACE_EXISTING);

        folders.release(first, code);

        assertThat(folders.keptFolders()).isEmpty();
        assertThat(Files.readString(attempt("b-1").resolve("clean.py"))).isEqualTo("print(1)");
    }

    @Test
    void anOwnEntryReplacedByTheAttemptMakesTheFolderNotKept() throws IOException {
        Path first = attempt("a-1");
        Files.delete(first.resolve(".reprise-outputs"));
        Files.createDirectory(first.resolve(".reprise-outputs"));

        folders.release(first, code);

        assertThat(folders.keptFolders()).isEmpty();
    }

    @Test
    void aKeptFolderWrittenIntoAfterItWasGivenBackIsNotTaken() throws IOException {
        Path first = attempt("a-1");
        folders.release(first, code);
        Path kept = folders.keptFolders().get(0);
        Files.writeString(kept.resolve("out/late.txt"), "a process the attempt left behind");

        Path second = attempt("b-1");

        assertThat(listing(second)).doesNotContain("out/late.txt");
        assertThat(deleted).containsExactly(kept);
    }

    @Test
    void foldersOfOtherFilesAreNotTakenAndAtMostTheParallelismAreKeptOfOneSet() throws IOException {
        List<Path> attempts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attempts.add(attempt("a-" + i));
        }
        attempts.forEach(a -> folders.release(a, code));
        assertThat(folders.keptFolders()).hasSize(2);

        List<FlowFile> changed = List.of(code.get(0), file("clean.py", "print(3)"));
        Path workDir = scratch.resolve("run/other-1");
        folders.prepare(workDir, changed);

        assertThat(Files.readString(workDir.resolve("clean.py"))).isEqualTo("print(3)");
        assertThat(listing(workDir)).doesNotContain("lib");
        assertThat(folders.keptFolders()).hasSize(2);
    }

    @Test
    void filesUnderTheNamesOfTheEnginesOwnEntriesAreLaidOutButTheFolderIsNeverKept() throws IOException {
        code = List.of(file("flow.yaml", "id: f"), file("out/seed.csv", "1"));
        Path first = attempt("a-1");

        assertThat(listing(first)).containsExactly("flow.yaml", "out", "out/seed.csv");
        folders.release(first, code);
        assertThat(folders.keptFolders()).isEmpty();
        assertThat(deleted).containsExactly(first);
    }

    @Test
    void closingDeletesTheKeptFoldersAndAFolderGivenBackLaterIsDeleted() throws IOException {
        Path first = attempt("a-1");
        Path second = attempt("b-1");
        folders.release(first, code);

        folders.close();
        folders.release(second, code);

        assertThat(folders.keptFolders()).isEmpty();
        assertThat(deleted).contains(scratch.resolve(".kept-" + ProcessHandle.current().pid()), second);
        assertThat(second).doesNotExist();
    }

    @Test
    void leftoversOfAProcessThatIsGoneAreDeletedAndThoseOfALiveOneKept() throws IOException {
        Process gone = new ProcessBuilder("true").start();
        long deadPid = gone.pid();
        gone.onExit().join();
        Path dead = Files.createDirectories(scratch.resolve(".kept-" + deadPid + "/1"));
        Path live = Files.createDirectories(scratch.resolve(".kept-" + ProcessHandle.current().pid() + "/1"));
        Path runs = Files.createDirectories(scratch.resolve("some-run"));

        WorkingFolders.deleteLeftovers(scratch, this::delete);

        assertThat(dead.getParent()).doesNotExist();
        assertThat(live).exists();
        assertThat(runs).exists();
    }
}
