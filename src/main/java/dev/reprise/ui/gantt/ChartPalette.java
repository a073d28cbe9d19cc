package dev.reprise.ui.gantt;

import dev.reprise.run.StepState;
import dev.reprise.ui.common.StatePalette;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The colours the charts paint with. The chart's own colours are CSS properties named like looked-up colours
 * ({@code -reprise-chart-bg} …), so a stylesheet (light or dark, see {@code charts.css}) decides them and the
 * Canvas painter reads resolved {@link Color}s. State colours are the app's one {@link StatePalette}, light
 * or dark as the chart's background is, so a bar, a node, a chip in the table and the step list agree. The
 * charts get theirs from {@link ChartRegion}. FX thread only.
 */
public final class ChartPalette {

    /** A region that carries a palette: its CSS metadata points here. */
    public interface Host extends Styleable {
        ChartPalette palette();
    }

    /** The stylesheet that defines the tokens (light by default, dark under a {@code .dark} ancestor). */
    public static final String STYLESHEET = ChartPalette.class.getResource("charts.css").toExternalForm();

    public static final String BG = "-reprise-chart-bg";
    public static final String ROW_ALT = "-reprise-chart-row-alt";
    public static final String GRID = "-reprise-chart-grid";
    public static final String TEXT = "-reprise-chart-text";
    public static final String TEXT_MUTED = "-reprise-chart-text-muted";
    public static final String SELECTION = "-reprise-chart-selection";
    public static final String NOW = "-reprise-chart-now";
    public static final String LABEL_BG = "-reprise-chart-label-bg";

    private static final Map<String, Color> DEFAULTS = new LinkedHashMap<>();
    private static final List<CssMetaData<? extends Styleable, ?>> META;

    static {
        DEFAULTS.put(BG, Color.web("#ffffff"));
        DEFAULTS.put(ROW_ALT, Color.web("#f6f8fa"));
        DEFAULTS.put(GRID, Color.web("#e4e7eb"));
        DEFAULTS.put(TEXT, Color.web("#1f2328"));
        DEFAULTS.put(TEXT_MUTED, Color.web("#656d76"));
        DEFAULTS.put(SELECTION, Color.web("#0969da"));
        DEFAULTS.put(NOW, Color.web("#cf222e"));
        DEFAULTS.put(LABEL_BG, Color.web("#f6f8fa"));
        List<CssMetaData<? extends Styleable, ?>> meta = new ArrayList<>();
        for (Map.Entry<String, Color> e : DEFAULTS.entrySet()) {
            String name = e.getKey();
            meta.add(new CssMetaData<Styleable, Color>(name, StyleConverter.getColorConverter(), e.getValue()) {
                @Override
                public boolean isSettable(Styleable styleable) {
                    return !((Host) styleable).palette().properties.get(name).isBound();
                }

                @Override
                public StyleableProperty<Color> getStyleableProperty(Styleable styleable) {
                    return ((Host) styleable).palette().properties.get(name);
                }
            });
        }
        META = Collections.unmodifiableList(meta);
    }

    private final Map<String, SimpleStyleableObjectProperty<Color>> properties = new LinkedHashMap<>();
    private final Map<StepState, Color> stateCache = new EnumMap<>(StepState.class);

    public ChartPalette(Host host, Runnable onChange) {
        for (CssMetaData<? extends Styleable, ?> m : META) {
            @SuppressWarnings("unchecked")
            CssMetaData<Styleable, Color> meta = (CssMetaData<Styleable, Color>) m;
            var property = new SimpleStyleableObjectProperty<>(meta, host, meta.getProperty(), meta.getInitialValue(null));
            property.addListener((obs, was, now) -> {
                stateCache.clear();
                onChange.run();
            });
            properties.put(meta.getProperty(), property);
        }
    }

    /** The palette's CSS metadata appended to {@code base} (a region's own). */
    public static List<CssMetaData<? extends Styleable, ?>> cssMetaData(List<CssMetaData<? extends Styleable, ?>> base) {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(base);
        all.addAll(META);
        return Collections.unmodifiableList(all);
    }

    public Color get(String token) {
        var property = properties.get(token);
        if (property == null) {
            throw new IllegalArgumentException("no chart colour " + token);
        }
        return property.get();
    }

    /** The state's colour in the app's palette: its dark variant when the chart's background is dark. */
    public Color state(StepState state) {
        return stateCache.computeIfAbsent(state, s -> StatePalette.of(isDark()).color(s));
    }

    /** Whether the chart is on a dark background (the dark theme). */
    public boolean isDark() {
        return get(BG).getBrightness() < 0.5;
    }
}
