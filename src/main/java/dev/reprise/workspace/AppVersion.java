package dev.reprise.workspace;

/**
 * The version of Reprise that is running, as its jar's manifest says ({@code Implementation-Version}), or
 * {@code dev} when it runs from compiled classes rather than a packaged jar. The one place the version is read:
 * the window's About, the command line's {@code --version}, a server's health answer and API document, and the
 * version recorded with runs all ask here, so they cannot disagree. Stateless and thread-safe.
 */
public final class AppVersion {

    /** What the version is when Reprise runs from its classes, as during development and tests. */
    public static final String DEVELOPMENT = "dev";

    private AppVersion() {
    }

    /** The running version, such as {@code 0.1.0}; {@link #DEVELOPMENT} outside a packaged jar. */
    public static String current() {
        String version = AppVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? DEVELOPMENT : version;
    }
}
