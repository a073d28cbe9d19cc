package dev.reprise.ui.form;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Consumer;

/**
 * Loads the beginning of a file artifact for a form's preview, away from the UI thread, and hands the text to
 * {@code onText} on the UI thread. Supplied by whoever knows where artifacts live (a workspace).
 */
@FunctionalInterface
public interface ArtifactPreview {

    void load(JsonNode artifactRef, Consumer<String> onText);
}
