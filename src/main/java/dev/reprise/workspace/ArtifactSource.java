package dev.reprise.workspace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of a bundle's artifacts come from when it is imported: a workspace (a server's, through
 * {@link Workspace#openArtifact}) or an exported file. The importer closes every stream it opens; it asks
 * only for artifacts it does not hold already. Implementations say whether they are thread-safe.
 */
@FunctionalInterface
public interface ArtifactSource {

    /** The bytes of artifact {@code sha256}; {@link NotFoundException} if this source does not carry it. */
    InputStream open(String sha256) throws IOException;

    /** The artifacts of {@code workspace}. */
    static ArtifactSource of(Workspace workspace) {
        return workspace::openArtifact;
    }
}
