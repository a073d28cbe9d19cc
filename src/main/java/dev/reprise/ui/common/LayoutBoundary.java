package dev.reprise.ui.common;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Holds one node whose own changes of layout stay inside it: a list that grows with a live run, a label whose
 * running time ticks. The node is unmanaged, which makes it a layout root, so that when it asks to be laid out
 * again only the node is, not every pane around it up to the window (split panes, tab panes, the run's header).
 * The boundary sizes the node to itself and gives its parent the node's size limits as they are when asked;
 * it suits a node whose limits do not follow what changes inside it, or one that is given all the width it
 * may take. FX thread only.
 */
public final class LayoutBoundary extends Region {

    private final Node content;

    public LayoutBoundary(Node content) {
        this.content = content;
        content.setManaged(false);
        getChildren().add(content);
    }

    public Node content() {
        return content;
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        content.resizeRelocate(in.getLeft(), in.getTop(), getWidth() - in.getLeft() - in.getRight(),
                getHeight() - in.getTop() - in.getBottom());
    }

    @Override
    public Orientation getContentBias() {
        return content.getContentBias();
    }

    @Override
    protected double computeMinWidth(double height) {
        return content.minWidth(inner(height, true)) + horizontal();
    }

    @Override
    protected double computeMinHeight(double width) {
        return content.minHeight(inner(width, false)) + vertical();
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(inner(height, true)) + horizontal();
    }

    @Override
    protected double computePrefHeight(double width) {
        return content.prefHeight(inner(width, false)) + vertical();
    }

    @Override
    protected double computeMaxWidth(double height) {
        return content.maxWidth(inner(height, true)) + horizontal();
    }

    @Override
    protected double computeMaxHeight(double width) {
        return content.maxHeight(inner(width, false)) + vertical();
    }

    /** A size given to the boundary as the content's, less the insets; -1 (none given) stays -1. */
    private double inner(double size, boolean height) {
        return size < 0 ? size : size - (height ? vertical() : horizontal());
    }

    private double horizontal() {
        Insets in = getInsets();
        return in.getLeft() + in.getRight();
    }

    private double vertical() {
        Insets in = getInsets();
        return in.getTop() + in.getBottom();
    }
}
