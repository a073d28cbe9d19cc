package dev.reprise.ui.gantt;

import dev.reprise.ui.common.ChartDescription;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Bounds;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Objects;

/**
 * A chart painted on a canvas (the Gantt, the DAG): a region whose {@link ChartPalette} colours are CSS
 * properties of its own, set by the charts' stylesheet, and which repaints when one of them changes. To a screen
 * reader it is a list of its steps (the Gantt's rows, the DAG's nodes): its items are {@link ChartItems}, the
 * selected step is its focus item, announced when the selection moves, and its text and help tell the selection
 * and the run. FX thread only.
 */
public abstract class ChartRegion extends Region implements ChartPalette.Host {

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META =
            ChartPalette.cssMetaData(Region.getClassCssMetaData());

    private final ChartPalette palette = new ChartPalette(this, this::requestPaint);

    private final ChartDescription description;

    private final ChartItems items = new ChartItems(this, getChildren());

    /** The step selected when the chart was last described, so that a reader hears of a new selection once. */
    private String described;

    /** @param chartName what the chart is called to a screen reader, such as "Gantt chart" */
    protected ChartRegion(String chartName) {
        getStylesheets().add(ChartPalette.STYLESHEET);
        description = new ChartDescription(chartName);
        setAccessibleRole(AccessibleRole.LIST_VIEW);
        setAccessibleRoleDescription(chartName);
        describe(null);
    }

    /** The step instance id the user selected, shared between the charts and the details pane. */
    public abstract ObjectProperty<String> selectedStepProperty();

    /** How many items a screen reader walks: the steps as the chart shows them. */
    protected abstract int accessibleItemCount();

    /** What selecting item {@code index} selects: a step instance id, or a step's name. */
    protected abstract String accessibleItemStep(int index);

    /** The item that shows the selected step, or -1. */
    protected abstract int accessibleSelectedItem();

    /** Where item {@code index} is drawn, in this chart's coordinates; null when it is not drawn now. */
    protected abstract Bounds accessibleItemBounds(int index);

    /** What item {@code index} says: its step as {@link #description()} tells it. */
    protected String accessibleItemText(int index) {
        return description.step(accessibleItemStep(index));
    }

    /** Selects item {@code index}, as a screen reader asks. */
    final void selectAccessibleItem(int index) {
        selectedStepProperty().set(accessibleItemStep(index));
    }

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        return switch (attribute) {
            case ITEM_COUNT -> accessibleItemCount();
            case ITEM_AT_INDEX -> parameters.length > 0 && parameters[0] instanceof Integer index ? items.at(index)
                    : null;
            case FOCUS_ITEM -> items.selected();
            case SELECTED_ITEMS -> items.selection();
            default -> super.queryAccessibleAttribute(attribute, parameters);
        };
    }

    @Override
    public void executeAccessibleAction(AccessibleAction action, Object... parameters) {
        if (action == AccessibleAction.SET_SELECTED_ITEMS && parameters.length > 0
                && parameters[0] instanceof ObservableList<?> chosen) {
            for (Object node : chosen) {
                int index = items.indexOf(node);
                if (index >= 0 && index < accessibleItemCount()) {
                    selectAccessibleItem(index);
                    return;
                }
            }
            return;
        }
        super.executeAccessibleAction(action, parameters);
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
        boolean textChanged = !text.equals(getAccessibleText());
        if (textChanged) {
            setAccessibleText(text);
        }
        if (!Objects.equals(selectedStep, described)) {
            described = selectedStep;
            notifyAccessibleAttributeChanged(AccessibleAttribute.FOCUS_ITEM);
        } else if (textChanged && selectedStep != null) {
            Node item = items.made(accessibleSelectedItem());
            if (item != null) {
                item.notifyAccessibleAttributeChanged(AccessibleAttribute.TEXT);
            }
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
