package dev.reprise.store;

import dev.reprise.run.ArtifactRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileArtifactStoreTest {

    /** SHA-256 of "hello\n". */
    private static final String HELLO = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    @TempDir
    Path root;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void contentIsStoredUnderItsDigest() throws Exception {
        FileArtifactStore store = new FileArtifactStore(root);

        ArtifactRef ref = store.put(bytes("hello\n"), "greeting.txt", "text/plain");

        assertThat(ref).isEqualTo(new ArtifactRef(HELLO, "greeting.txt", "text/plain", 6));
        assertThat(store.path(HELLO)).isEqualTo(root.resolve("58").resolve(HELLO));
        assertThat(Files.readString(store.path(HELLO))).isEqualTo("hello\n");
        assertThat(store.exists(HELLO)).isTrue();
    }

    @Test
    void storingTheSameContentTwiceKeepsOneFileAndNoTemporaries() throws Exception {
        FileArtifactStore store = new FileArtifactStore(root);

        ArtifactRef first = store.put(bytes("hello\n"), "a.txt", "text/plain");
        ArtifactRef second = store.put(bytes("hello\n"), "b.csv", "text/csv");

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.name()).isEqualTo("b.csv");
        assertThat(files()).containsExactly(root.resolve("58").resolve(HELLO));
    }

    @Test
    void aFileIsCopiedAndLeftInPlace() throws Exception {
        FileArtifactStore store = new FileArtifactStore(root.resolve("artifacts"));
        Path source = Files.writeString(root.resolve("in.txt"), "hello\n");

        ArtifactRef ref = store.putFile(source, "in.txt", "text/plain");

        assertThat(ref).isEqualTo(new ArtifactRef(HELLO, "in.txt", "text/plain", 6));
        assertThat(source).exists();
        assertThat(Files.readString(store.path(HELLO))).isEqualTo("hello\n");
        store.putFile(source, "again.txt", null);
        try (Stream<Path> walk = Files.walk(root.resolve("artifacts"))) {
            assertThat(walk.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void aLargeFileRoundTrips() throws Exception {
        FileArtifactStore store = new FileArtifactStore(root.resolve("artifacts"));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(big);
        Path source = Files.write(root.resolve("big.bin"), big);

        ArtifactRef fromFile = store.putFile(source, "big.bin", "application/octet-stream");
        ArtifactRef fromBytes = store.put(big, "big.bin", "application/octet-stream");

        assertThat(fromFile).isEqualTo(fromBytes);
        assertThat(Files.readAllBytes(store.path(fromFile.sha256()))).isEqualTo(big);
    }

    @Test
    void malformedDigestsCannotReachOutsideTheFolder() {
        FileArtifactStore store = new FileArtifactStore(root);
        for (String bad : new String[] {"../../etc/passwd", "..", HELLO.toUpperCase(), HELLO.substring(1),
                HELLO + "0", "58/" + HELLO.substring(3), "", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be0/"}) {
            assertThatThrownBy(() -> store.path(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an artifact digest");
            assertThatThrownBy(() -> store.exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.path(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownDigestIsRejectedClearly() {
        FileArtifactStore store = new FileArtifactStore(root);

        assertThatThrownBy(() -> store.path(HELLO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no artifact with SHA-256 " + HELLO);
        assertThat(store.exists(HELLO)).isFalse();
    }
}
