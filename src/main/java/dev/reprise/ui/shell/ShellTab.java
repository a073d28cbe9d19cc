package dev.reprise.ui.shell;

/**
 * What a tab of the window's lower half shows, and so which tab is which: a run, the comparison of two
 * runs (left, right), or the flows view (one for the window). Two equal values are the same tab.
 * Immutable.
 */
public sealed interface ShellTab {

    /** The run {@code runId}. */
    record RunTab(String runId) implements ShellTab {
    }

    /** Run {@code leftRunId} (left) compared with run {@code rightRunId} (right). */
    record CompareTab(String leftRunId, String rightRunId) implements ShellTab {
    }

    /** The flows, their revisions and the YAML editor. */
    record FlowsTab() implements ShellTab {
    }
}
