package dev.canary.kubernetes;

import dev.canary.spi.ProviderConfig;
import java.util.Arrays;
import java.util.List;

/** Parsing of factory settings, with errors that name the setting. */
final class Settings {

    private Settings() {
    }

    static int positiveInt(ProviderConfig config, String key, int defaultValue) {
        String value = config.get(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number of at least 1 but was '" + value + "'");
    }

    /** A comma-separated list, blanks dropped. */
    static List<String> list(ProviderConfig config, String key, List<String> defaultValue) {
        return config.get(key)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }
}
