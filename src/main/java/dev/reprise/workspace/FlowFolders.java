package dev.reprise.workspace;

import dev.reprise.flow.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Applying a flow folder to a workspace: the flow is checked first, then every file's bytes are stored as
 * artifacts, then the revision is applied, so a bad flow writes nothing. The same on a local workspace and on a
 * server. Stateless.
 */
public final class FlowFolders {

    private FlowFolders() {
    }

    public static ApplyResult apply(Workspace workspace, FlowFolder folder) {
        List<Problem> problems = workspace.validateFlow(folder.source(), folder.fileName());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (FlowFolder.Entry entry : folder.files()) {
            try (InputStream in = Files.newInputStream(entry.file())) {
                workspace.putArtifact(in, entry.sha256(), entry.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry.file() + ": " + e.getMessage(), e);
            }
        }
        return workspace.applyFlow(folder.source(), folder.fileName(), folder.flowFiles());
    }
}
