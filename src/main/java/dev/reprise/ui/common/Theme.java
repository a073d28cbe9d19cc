package dev.reprise.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * Applies the light or dark look: the AtlantaFX Primer theme as user-agent stylesheet, then the state
 * palette and the app's shared stylesheet on the scene. FX thread only.
 */
public final class Theme {

    private static final String COMMON = Theme.class.getResource("common.css").toExternalForm();

    private Theme() {
    }

    /**
     * Makes the light theme the user-agent stylesheet before the first control is made: the first control otherwise
     * loads JavaFX's own (Modena), which {@link #apply} then replaces, on every start of the window.
     */
    public static void useLightBeforeAnyControl() {
        userAgent(false);
    }

    public static void apply(Scene scene, boolean dark) {
        userAgent(dark);
        scene.getStylesheets().removeIf(s -> s.startsWith("data:text/css") || s.equals(COMMON));
        scene.getStylesheets().add(0, StatePalette.of(dark).stylesheet());
        scene.getStylesheets().add(1, COMMON);
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
            // the charts' stylesheets select their dark colours under a .dark ancestor
            scene.getRoot().getStyleClass().remove("dark");
            if (dark) {
                scene.getRoot().getStyleClass().add("dark");
            }
        }
    }

    /** Sets the Primer theme, light or dark, as the user-agent stylesheet, unless it is that already. */
    private static void userAgent(boolean dark) {
        String stylesheet = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!stylesheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(stylesheet);
        }
    }
}
