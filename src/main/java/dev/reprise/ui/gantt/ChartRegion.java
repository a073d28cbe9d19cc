package dev.reprise.ui.gantt;

import dev.reprise.ui.common.ChartDescription;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.AccessibleRole;
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

    private final ChartDescription description;

    /** @param chartName what the chart is called to a screen reader, such as "Gantt chart" */
    protected ChartRegion(String chartName) {
        getStylesheets().add(ChartPalette.STYLESHEET);
        description = new ChartDescription(chartName);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setAccessibleRoleDescription(chartName);
        describe(null);
    }

    /** What the chart says to a screen reader, to be told the run as the chart is. */
    protected final ChartDescription description() {
        return description;
    }

    /**
     * Sets the accessible help and text from {@link #description()} with {@code selectedStep} selected, only
     * where the words changed: a text set again is read out again.
     */
    protected final void describe(String selectedStep) {
        String chart = description.chart();
        String text = description.selected(selectedStep);
        if (!chart.equals(getAccessibleHelp())) {
            setAccessibleHelp(chart);
        }
        if (!text.equals(getAccessibleText())) {
            setAccessibleText(text);
        }
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
