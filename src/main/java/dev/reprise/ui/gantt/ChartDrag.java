package dev.reprise.ui.gantt;

import javafx.scene.input.MouseEvent;

/**
 * A press on a chart told apart from a drag: once the pointer has moved {@value #THRESHOLD} pixels from where it
 * was pressed, each move is a drag by the distance since the last one; a release without a drag is a click.
 * FX thread only.
 */
public final class ChartDrag {

    /** How far the pointer moves before a press becomes a drag, in pixels. */
    public static final double THRESHOLD = 4;

    /** What a drag does with a move of ({@code dx}, {@code dy}) pixels. */
    @FunctionalInterface
    public interface Move {
        void by(double dx, double dy);
    }

    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragged;

    public void press(MouseEvent e) {
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragged = false;
    }

    /** Hands {@code move} the distance since the last drag event, unless the pointer is still near the press. */
    public void drag(MouseEvent e, Move move) {
        if (!dragged && Math.hypot(e.getX() - pressX, e.getY() - pressY) < THRESHOLD) {
            return;
        }
        dragged = true;
        move.by(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
    }

    /** Whether the pointer has been dragged since the last press (its release is then no click). */
    public boolean dragged() {
        return dragged;
    }
}
