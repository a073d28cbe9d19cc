package dev.reprise.ui.gantt;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Region;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of a chart as a screen reader walks those of a list: a canvas has no node per row or per graph node, so
 * each item a reader asks for (the selected one, or one by its index) is a node with no size and nothing painted that
 * answers as a list item, with the words, index, selection and screen bounds of the item it stands for, asked of the
 * {@link ChartRegion} whenever they are read, so they are never stale. Only the items asked for exist, the last
 * {@value #KEPT} of them, reused by index, in a layer added to the chart on the first question, as a list view's
 * cells are; an item a reader no longer holds leaves the scene and its accessible object with it. FX thread only.
 */
final class ChartItems {

    /** How many item nodes are kept at most: a reader holds the selected item and a few around it. */
    static final int KEPT = 32;

    private final ChartRegion chart;
    private final List<Node> children;
    private final Group layer = new Group();
    private final Map<Integer, Item> byIndex = new LinkedHashMap<>(KEPT, 0.75f, true);

    ChartItems(ChartRegion chart, List<Node> children) {
        this.chart = chart;
        this.children = children;
        layer.setManaged(false);
        layer.setMouseTransparent(true);
    }

    /** The item at {@code index}, or null when there is none. */
    Node at(int index) {
        if (index < 0 || index >= chart.accessibleItemCount()) {
            return null;
        }
        if (layer.getParent() == null) {
            children.add(layer);
        }
        Item item = byIndex.get(index);
        if (item == null) {
            if (byIndex.size() >= KEPT) {
                Iterator<Item> eldest = byIndex.values().iterator();
                layer.getChildren().remove(eldest.next());
                eldest.remove();
            }
            item = new Item(index);
            byIndex.put(index, item);
            layer.getChildren().add(item);
        }
        return item;
    }

    /** The item at {@code index} if a reader has asked for it, or null: telling a reader of a change makes none. */
    Node made(int index) {
        return byIndex.get(index);
    }

    /** The selected item, or null. */
    Node selected() {
        return at(chart.accessibleSelectedItem());
    }

    /** The selected items: the selected one, if any. */
    ObservableList<Node> selection() {
        Node selected = selected();
        return selected == null ? FXCollections.observableArrayList() : FXCollections.observableArrayList(selected);
    }

    /** The index of {@code node} if it is one of these items, or -1. */
    int indexOf(Object node) {
        return node instanceof Item item && item.owner() == this ? item.index : -1;
    }

    /** One item: what it says is asked of the chart each time. */
    private final class Item extends Region {
        final int index;

        Item(int index) {
            this.index = index;
            setAccessibleRole(AccessibleRole.LIST_ITEM);
            setFocusTraversable(false);
        }

        ChartItems owner() {
            return ChartItems.this;
        }

        private boolean exists() {
            return index < chart.accessibleItemCount();
        }

        @Override
        public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            switch (attribute) {
                case TEXT:
                    return exists() ? chart.accessibleItemText(index) : null;
                case INDEX:
                    return index;
                case SELECTED:
                    return chart.accessibleSelectedItem() == index;
                case FOCUSED:
                    return chart.isFocused() && chart.accessibleSelectedItem() == index;
                case BOUNDS: {
                    Bounds bounds = exists() ? chart.accessibleItemBounds(index) : null;
                    return bounds == null ? super.queryAccessibleAttribute(attribute, parameters)
                            : chart.localToScreen(bounds);
                }
                default:
                    return super.queryAccessibleAttribute(attribute, parameters);
            }
        }

        @Override
        public void executeAccessibleAction(AccessibleAction action, Object... parameters) {
            if (action == AccessibleAction.REQUEST_FOCUS && exists()) {
                chart.requestFocus();
                chart.selectAccessibleItem(index);
            } else {
                super.executeAccessibleAction(action, parameters);
            }
        }
    }
}
