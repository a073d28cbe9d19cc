package dev.reprise.workspace;

/** The workspace folder is already open in another process. */
public class WorkspaceBusyException extends WorkspaceException {

    public WorkspaceBusyException(String message) {
        super(message);
    }
}
