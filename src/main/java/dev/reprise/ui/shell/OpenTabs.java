package dev.reprise.ui.shell;

import dev.reprise.ui.compare.CompareView;
import dev.reprise.ui.flows.FlowsView;
import dev.reprise.ui.run.RunView;
import dev.reprise.ui.shell.ShellTab.CompareTab;
import dev.reprise.ui.shell.ShellTab.FlowsTab;
import dev.reprise.ui.shell.ShellTab.RunTab;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tab pane of the window's lower half, following its {@link Navigation}: a tab (made by
 * {@link TabViews}) for each open {@link ShellTab}, the selection both ways, a closed run's view
 * disposed; a tab the user closes is closed in the navigation; the preview tab's title is in italics. FX
 * thread only.
 */
final class OpenTabs {

    private final TabPane pane;
    private final Navigation navigation;
    private final TabViews views;
    private final Map<ShellTab, Tab> tabs = new HashMap<>();
    private boolean following;

    OpenTabs(TabPane pane, Navigation navigation, TabViews views) {
        this.pane = pane;
        this.navigation = navigation;
        this.views = views;
        navigation.tabs().addListener((ListChangeListener<ShellTab>) this::tabsChanged);
        navigation.selectedProperty().addListener((o, a, selected) -> follow(() -> {
            if (selected != null && tabs.containsKey(selected)) {
                pane.getSelectionModel().select(tabs.get(selected));
            }
        }));
        navigation.previewProperty().addListener((o, was, now) -> {
            markPreview(was, false);
            markPreview(now, true);
        });
        pane.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (!following && tab != null && tab.getUserData() instanceof ShellTab shown) {
                navigation.select(shown);
            }
        });
    }

    /** Shows the preview tab's title in italics, as IDEs do; "Keep open" in its menu pins it. */
    private void markPreview(ShellTab key, boolean preview) {
        Tab tab = key == null ? null : tabs.get(key);
        if (tab == null) {
            return;
        }
        tab.getStyleClass().remove(PREVIEW);
        if (preview) {
            tab.getStyleClass().add(PREVIEW);
        }
        if (tab.getContextMenu() != null) {
            tab.getContextMenu().getItems().get(0).setDisable(!preview);
        }
    }

    /** The style class of the preview tab. */
    static final String PREVIEW = "preview";

    /** What {@code tab} shows, if it is open. */
    Node content(ShellTab tab) {
        Tab shown = tabs.get(tab);
        return shown == null ? null : shown.getContent();
    }

    private void tabsChanged(ListChangeListener.Change<? extends ShellTab> change) {
        follow(() -> {
            while (change.next()) {
                for (ShellTab closed : change.getRemoved()) {
                    Tab tab = tabs.remove(closed);
                    if (tab != null) {
                        pane.getTabs().remove(tab);
                        if (tab.getContent() instanceof RunView view) {
                            view.dispose();
                        }
                    }
                }
                List<? extends ShellTab> added = change.getAddedSubList();
                for (int i = 0; i < added.size(); i++) {
                    ShellTab key = added.get(i);
                    Tab tab = make(key);
                    tabs.put(key, tab);
                    pane.getTabs().add(Math.min(change.getFrom() + i, pane.getTabs().size()), tab);
                    markPreview(key, key.equals(navigation.previewProperty().get()));
                    if (key.equals(navigation.selectedProperty().get())) {
                        pane.getSelectionModel().select(tab);
                    }
                    if (tab.getContent() instanceof RunView view) {
                        view.model().open();
                    }
                }
            }
        });
    }

    /** Applies a change of the navigation to the pane, which must not echo it back. */
    private void follow(Runnable change) {
        boolean was = following;
        following = true;
        try {
            change.run();
        } finally {
            following = was;
        }
    }

    private Tab make(ShellTab key) {
        Tab tab = switch (key) {
            case RunTab run -> runTab(run.runId());
            case CompareTab compare -> {
                Tab made = new Tab("Compare " + shortId(compare.leftRunId()) + " ↔ " + shortId(compare.rightRunId()),
                        views.comparison(compare));
                made.setId("compare-tab");
                made.setGraphic(new FontIcon(Material2AL.COMPARE_ARROWS));
                yield made;
            }
            case FlowsTab flows -> {
                Tab made = new Tab("Flows", views.flows());
                made.setId("flows-tab");
                made.setGraphic(new FontIcon(Material2AL.DESCRIPTION));
                yield made;
            }
        };
        tab.setUserData(key);
        // the user closed it with its close button: the pane has removed it already
        tab.setOnClosed(e -> navigation.close(key));
        return tab;
    }

    private Tab runTab(String runId) {
        RunView view = views.run(runId);
        Tab tab = new Tab(runId, view);
        tab.setId("run-tab-" + runId);
        MenuItem keep = new MenuItem("Keep open", new FontIcon(Material2MZ.PUSH_PIN));
        keep.setId("keep-open");
        keep.setDisable(true);
        keep.setOnAction(e -> navigation.keepOpen(new RunTab(runId)));
        tab.setContextMenu(new ContextMenu(keep));
        view.model().runProperty().addListener((o, a, run) -> {
            if (run != null) {
                tab.setText(run.flowId() + " · " + shortId(run.id()));
                tab.setTooltip(new Tooltip(run.id() + " (" + run.state().name().toLowerCase() + ")"));
            }
        });
        return tab;
    }

    static String shortId(String id) {
        return id.length() > 10 ? "…" + id.substring(id.length() - 6) : id;
    }

    /** The views of the tabs, for a test or a caller that needs one. */
    CompareView comparison(CompareTab tab) {
        return content(tab) instanceof CompareView view ? view : null;
    }

    FlowsView flows() {
        return content(new FlowsTab()) instanceof FlowsView view ? view : null;
    }
}
