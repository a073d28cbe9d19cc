package dev.reprise.store;

/**
 * The workspace folder is already open, by another Reprise process or earlier in this one. Its message
 * says which process holds it and what to do, in words meant for the person who tried to open it.
 */
public class WorkspaceLockedException extends RuntimeException {

    public WorkspaceLockedException(String message) {
        super(message);
    }

    public WorkspaceLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
