package dev.reprise.flow;

import java.util.Objects;

/**
 * One file of a flow folder as a revision holds it: its path inside the folder ({@code /}-separated, never
 * absolute nor going up), its size in bytes and the SHA-256 under which the artifact store keeps its bytes.
 */
public record FlowFile(String path, long size, String sha256) {

    public FlowFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
