package dev.reprise.workspace;

import dev.reprise.flow.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Applying a flow folder to a workspace: the flow is checked first, then every file's bytes are stored as
 * artifacts (those held already are not sent again), then the revision is applied. So a bad flow or a
 * workspace that does not keep folders writes nothing. Stateless.
 */
public final class FlowFolders {

    public static final String NOT_KEPT = "flow folders apply to a local workspace for now; apply its flow.yaml alone, "
            + "or apply the folder to a local workspace";

    private FlowFolders() {
    }

    public static ApplyResult apply(Workspace workspace, FlowFolder folder) {
        if (!folder.files().isEmpty() && !workspace.keepsFlowFolders()) {
            throw new InvalidInputException(NOT_KEPT);
        }
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
