package dev.reprise.workspace;

/** An id (run, step, flow, revision, artifact) that does not exist. */
public class NotFoundException extends WorkspaceException {

    public NotFoundException(String message) {
        super(message);
    }
}
