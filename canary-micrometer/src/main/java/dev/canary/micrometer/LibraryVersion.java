package dev.canary.micrometer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the library's version from the resource the build writes. Stateless. */
final class LibraryVersion {
    private static final String RESOURCE = "canary-version.properties";

    private LibraryVersion() {
    }

    /** The version, or {@code unknown} when the resource is missing or was not filtered by the build. */
    static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown").strip();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
