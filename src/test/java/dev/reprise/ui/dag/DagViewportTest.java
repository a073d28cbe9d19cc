package dev.reprise.ui.dag;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DagViewportTest {

    /** Two boxes side by side, a 60-pixel gap between them, one edge from a to b. */
    private static DagLayout twoNodes() {
        Map<String, DagLayout.Box> boxes = new LinkedHashMap<>();
        boxes.put("a", new DagLayout.Box(16, 16, 176, 46));
        boxes.put("b", new DagLayout.Box(252, 16, 176, 46));
        return new DagLayout(444, 78, boxes, List.of(new DagLayout.Route("a", "b", new double[]{192, 39, 252, 39})));
    }

    /** {@code count} boxes in a row, 232 graph units apart. */
    private static DagLayout row(int count) {
        Map<String, DagLayout.Box> boxes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            boxes.put("s" + i, new DagLayout.Box(16 + i * 232, 16, 176, 46));
        }
        return new DagLayout(32 + count * 232, 78, boxes, List.of());
    }

    private static DagViewport viewport(DagLayout layout, double width, double height) {
        DagViewport viewport = new DagViewport();
        viewport.setSize(width, height);
        viewport.setLayout(layout);
        return viewport;
    }

    @Test
    void aSmallGraphIsFittedNoLargerThanOneAndAHalfAndCentred() {
        DagViewport viewport = viewport(twoNodes(), 1600, 1000);

        assertThat(viewport.scale()).isEqualTo(DagViewport.MAX_FIT_SCALE);
        double left = viewport.toViewX(0);
        double right = viewport.toViewX(444);
        assertThat(left).isCloseTo(1600 - right, within(1e-9));
    }

    @Test
    void aHugeGraphIsFittedNoSmallerThanTheMinimumScale() {
        DagViewport viewport = viewport(row(10_000), 800, 400);

        assertThat(viewport.scale()).isEqualTo(DagViewport.MIN_SCALE);
    }

    @Test
    void aFitKeepsTheGraphInsideTheViewBelowTheFitButton() {
        DagViewport viewport = viewport(row(20), 900, 400);

        assertThat(viewport.scale()).isLessThan(1);
        assertThat(viewport.toViewX(0)).isGreaterThanOrEqualTo(DagViewport.FIT_MARGIN - 1e-9);
        assertThat(viewport.toViewX(32 + 20 * 232)).isLessThanOrEqualTo(900 - DagViewport.FIT_MARGIN + 1e-9);
        assertThat(viewport.toViewY(0)).isGreaterThanOrEqualTo(DagViewport.FIT_TOP);
    }

    @Test
    void zoomingKeepsTheGraphPointUnderThePointerInPlace() {
        DagViewport viewport = viewport(twoNodes(), 900, 400);
        double gx = viewport.toGraphX(300);
        double gy = viewport.toGraphY(120);

        viewport.zoomAround(300, 120, 1.7);

        assertThat(viewport.toViewX(gx)).isCloseTo(300, within(1e-9));
        assertThat(viewport.toViewY(gy)).isCloseTo(120, within(1e-9));
        assertThat(viewport.moved()).isTrue();
    }

    @Test
    void zoomingStopsAtTheScaleLimits() {
        DagViewport viewport = viewport(twoNodes(), 900, 400);

        viewport.zoomAround(0, 0, 1_000);
        assertThat(viewport.scale()).isEqualTo(DagViewport.MAX_SCALE);
        viewport.zoomAround(0, 0, 1e-6);
        assertThat(viewport.scale()).isEqualTo(DagViewport.MIN_SCALE);
    }

    @Test
    void graphAndViewCoordinatesConvertBothWays() {
        DagViewport viewport = viewport(twoNodes(), 900, 400);
        viewport.zoomAround(10, 20, 0.6);
        viewport.panBy(-37, 12);

        assertThat(viewport.toGraphX(viewport.toViewX(123.5))).isCloseTo(123.5, within(1e-9));
        assertThat(viewport.toGraphY(viewport.toViewY(-8))).isCloseTo(-8, within(1e-9));
    }

    @Test
    void theNodeAtAPointFollowsPanAndZoomAndTheGapHitsNothing() {
        DagViewport viewport = viewport(twoNodes(), 900, 400);
        viewport.zoomAround(200, 100, 2.2);
        viewport.panBy(-150, 40);

        int a = viewport.nodeAt(viewport.toViewX(100), viewport.toViewY(39));
        int b = viewport.nodeAt(viewport.toViewX(300), viewport.toViewY(39));
        int gap = viewport.nodeAt(viewport.toViewX(222), viewport.toViewY(39));

        assertThat(viewport.nodeId(a)).isEqualTo("a");
        assertThat(viewport.nodeId(b)).isEqualTo("b");
        assertThat(gap).isEqualTo(-1);
    }

    @Test
    void onlyNodesAndEdgesThatMeetTheViewAreVisible() {
        DagViewport viewport = viewport(twoNodes(), 900, 400);
        viewport.zoomAround(0, 0, 1 / viewport.scale());
        // at scale 1 the view starts at graph x 200: node a (16..192) lies left of it, b (252..428) inside
        viewport.panBy(-200 - viewport.panX(), -viewport.panY());

        assertThat(viewport.nodeVisible(viewport.indexOf("a"), 0)).isFalse();
        assertThat(viewport.nodeVisible(viewport.indexOf("a"), 10)).isTrue();
        assertThat(viewport.nodeVisible(viewport.indexOf("b"), 0)).isTrue();
        assertThat(viewport.edgeVisible(0, 0)).isTrue();
        viewport.panBy(-300, 0);
        assertThat(viewport.edgeVisible(0, 0)).isFalse();
        assertThat(viewport.nodeVisible(viewport.indexOf("b"), 0)).isFalse();
    }

    @Test
    void theEdgesOfANodeAreThoseThatStartOrEndThere() {
        DagViewport viewport = viewport(twoNodes(), 900, 400);

        assertThat(viewport.edgesOf("a")).containsExactly(0);
        assertThat(viewport.edgesOf("b")).containsExactly(0);
        assertThat(viewport.edgesOf("missing")).isEmpty();
        assertThat(viewport.edgesOf(null)).isEmpty();
    }

    @Test
    void aResizeRefitsUntilTheUserMovesThenKeepsTheirView() {
        DagViewport viewport = viewport(row(20), 900, 400);
        double fitted = viewport.scale();

        viewport.setSize(1800, 400);
        assertThat(viewport.scale()).isGreaterThan(fitted);

        viewport.panBy(30, 0);
        double moved = viewport.scale();
        double panX = viewport.panX();
        viewport.setSize(900, 400);
        assertThat(viewport.scale()).isEqualTo(moved);
        assertThat(viewport.panX()).isEqualTo(panX);

        viewport.zoomToFit();
        assertThat(viewport.scale()).isEqualTo(fitted);
        assertThat(viewport.moved()).isFalse();
    }
}
