package dev.reprise.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UserPlacesTest {

    @TempDir
    Path home;

    @Test
    void homeComesFromTheEnvironmentNotFromTheJvm() {
        UserPlaces places = UserPlaces.of(Map.of("HOME", home.toString()), "Linux", "/somewhere/else");

        assertThat(places.workspace()).isEqualTo(home.resolve(".local/share/reprise/workspace"));
        assertThat(places.connections()).isEqualTo(home.resolve(".config/reprise/connections.json"));
        assertThat(places.settings()).isEqualTo(home.resolve(".config/reprise/settings.json"));
    }

    @Test
    void onLinuxTheXdgFoldersAreUsedWhenSet() {
        Path data = home.resolve("data");
        Path config = home.resolve("conf");

        UserPlaces places = UserPlaces.of(Map.of("HOME", home.toString(), "XDG_DATA_HOME", data.toString(),
                "XDG_CONFIG_HOME", config.toString(), "XDG_CACHE_HOME", "relative/ignored"), "Linux", "/x");

        assertThat(places.workspace()).isEqualTo(data.resolve("reprise/workspace"));
        assertThat(places.settings()).isEqualTo(config.resolve("reprise/settings.json"));
    }

    @Test
    void aRelativeXdgFolderIsIgnoredAsTheSpecificationSays() {
        UserPlaces places = UserPlaces.of(Map.of("HOME", home.toString(), "XDG_DATA_HOME", "not/absolute"),
                "Linux", "/x");

        assertThat(places.workspace()).isEqualTo(home.resolve(".local/share/reprise/workspace"));
    }

    @Test
    void anExistingDotRepriseFolderIsStillUsed() throws Exception {
        Files.createDirectories(home.resolve(".reprise"));

        UserPlaces places = UserPlaces.of(Map.of("HOME", home.toString(), "XDG_DATA_HOME", home.resolve("d").toString()),
                "Linux", "/x");

        assertThat(places.workspace()).isEqualTo(home.resolve(".reprise/workspace"));
        assertThat(places.connections()).isEqualTo(home.resolve(".reprise/connections.json"));
    }

    @Test
    void otherSystemsKeepDotReprise() {
        UserPlaces places = UserPlaces.of(Map.of("HOME", home.toString()), "Mac OS X", "/x");

        assertThat(places.settings()).isEqualTo(home.resolve(".reprise/settings.json"));
    }

    @Test
    void eachPlaceCanBeNamedDirectly() {
        UserPlaces places = UserPlaces.of(Map.of("HOME", home.toString(), "REPRISE_WORKSPACE", "/w",
                "REPRISE_CONNECTIONS", "/c.json", "REPRISE_SETTINGS", "/s.json"), "Linux", "/x");

        assertThat(places).isEqualTo(new UserPlaces(Path.of("/w"), Path.of("/c.json"), Path.of("/s.json")));
    }
}
