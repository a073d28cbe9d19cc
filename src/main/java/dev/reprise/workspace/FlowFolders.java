package dev.reprise.workspace;

import dev.reprise.flow.FlowException;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.FlowParser;
import dev.reprise.flow.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applying a flow folder to a workspace: the flow is checked first, then every file's bytes are stored as
 * artifacts (but those of the latest revision, held already), then the revision is applied, so a bad flow
 * writes nothing. The same on a local workspace and on a server. Stateless.
 */
public final class FlowFolders {

    private FlowFolders() {
    }

    public static ApplyResult apply(Workspace workspace, FlowFolder folder) {
        List<Problem> problems = workspace.validateFlow(folder.source(), folder.fileName(), folder.flowFiles());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Set<String> stored = storedBefore(workspace, folder);
        for (FlowFolder.Entry entry : folder.files()) {
            if (stored.contains(entry.sha256())) {
                continue;
            }
            try (InputStream in = Files.newInputStream(entry.file())) {
                workspace.putArtifact(in, entry.sha256(), entry.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry.file() + ": " + e.getMessage(), e);
            }
        }
        return workspace.applyFlow(folder.source(), folder.fileName(), folder.flowFiles());
    }

    /**
     * The digests of the files of the flow's latest revision, which the workspace holds already: a new revision
     * of a large folder sends only what changed.
     */
    private static Set<String> storedBefore(Workspace workspace, FlowFolder folder) {
        try {
            String flowId = new FlowParser().parse(folder.source(), folder.fileName()).id();
            return workspace.revision(flowId, null).files().stream().map(FlowFile::sha256)
                    .collect(Collectors.toSet());
        } catch (NotFoundException | FlowException firstRevision) {
            return Set.of();
        }
    }
}
