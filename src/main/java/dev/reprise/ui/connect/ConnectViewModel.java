package dev.reprise.ui.connect;

import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Consumer;

/**
 * The state of <em>Connect to server…</em>: URL and token as typed, whether they can be tried, the check
 * going on, and why the last one failed. The check (a call to the server) runs on the injected executor,
 * never on the UI thread. UI thread only.
 */
public final class ConnectViewModel {

    private final WorkspacePlaces places;
    private final UiExecutor ui;
    private final StringProperty url = new SimpleStringProperty(this, "url", "http://127.0.0.1:8080");
    private final StringProperty token = new SimpleStringProperty(this, "token", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding ready;

    public ConnectViewModel(WorkspacePlaces places, UiExecutor ui) {
        this.places = places;
        this.ui = ui;
        this.ready = Bindings.createBooleanBinding(() -> !busy.get() && problem() == null, url, token, busy);
    }

    /** What is wrong with the fields as typed; null when they can be tried. */
    String problem() {
        String u = url.get() == null ? "" : url.get().trim();
        if (!(u.startsWith("http://") || u.startsWith("https://")) || u.length() <= "https://".length()) {
            return "a server URL looks like http://host:port";
        }
        if (token.get() == null || token.get().isBlank()) {
            return "the server's token is required";
        }
        return null;
    }

    /** Checks the server and the token, saves the connection and hands it to {@code onConnected}. */
    public void connect(Consumer<WorkspacePlaces.Place> onConnected) {
        String problem = problem();
        if (problem != null) {
            error.set(problem);
            return;
        }
        busy.set(true);
        error.set("");
        String u = url.get().trim();
        String t = token.get().trim();
        ui.submit(() -> places.connect(u, t), place -> {
            busy.set(false);
            onConnected.accept(place);
        }, failure -> {
            busy.set(false);
            error.set(Messages.describe(failure));
        });
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True when the fields can be tried and no check is going on. */
    public BooleanBinding readyProperty() {
        return ready;
    }
}
