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

    public static void apply(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
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
}
