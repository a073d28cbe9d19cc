package dev.reprise.ui.gantt;

import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.layout.Region;

import java.util.List;

/**
 * A chart painted on a canvas (the Gantt, the DAG): a region whose {@link ChartPalette} colours are CSS
 * properties of its own, set by the charts' stylesheet, and which repaints when one of them changes.
 * FX thread only.
 */
public abstract class ChartRegion extends Region implements ChartPalette.Host {

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META =
            ChartPalette.cssMetaData(Region.getClassCssMetaData());

    private final ChartPalette palette = new ChartPalette(this, this::requestPaint);

    protected ChartRegion() {
        getStylesheets().add(ChartPalette.STYLESHEET);
    }

    /** Asks for one repaint at the next pulse (a colour changed, or the picture did). */
    protected abstract void requestPaint();

    @Override
    public final ChartPalette palette() {
        return palette;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return getClassCssMetaData();
    }
}
