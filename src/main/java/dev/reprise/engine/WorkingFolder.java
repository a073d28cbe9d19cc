package dev.reprise.engine;

import dev.reprise.flow.FlowFile;
import dev.reprise.run.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The working folder of an attempt of a flow kept as a folder: the files of the flow's revision, at their paths,
 * taken from the artifact store ({@link ArtifactStore#linkInto}: read-only hard links where the store is on the
 * same file system, no bytes copied; read-only copies elsewhere). Also the one place that fingerprints a
 * revision's files for the attempts that run with them. Stateless.
 */
final class WorkingFolder {

    private WorkingFolder() {
    }

    /** Puts {@code code} into {@code folder} (created if need be) from {@code artifacts}. */
    static void prepare(Path folder, List<FlowFile> code, ArtifactStore artifacts) throws IOException {
        Path base = Files.createDirectories(folder).toAbsolutePath().normalize();
        Set<Path> made = new HashSet<>();
        made.add(base);
        for (FlowFile file : code) {
            Path target = base.resolve(file.path()).normalize();
            if (!target.startsWith(base) || target.equals(base)) {
                throw new IOException("file " + file.path() + " of the revision leaves the working folder");
            }
            if (made.add(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            try {
                artifacts.linkInto(file.sha256(), target);
            } catch (IllegalArgumentException missing) {
                throw new IOException("file " + file.path() + " of the revision is not in the artifact store ("
                        + missing.getMessage() + ")", missing);
            }
        }
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
