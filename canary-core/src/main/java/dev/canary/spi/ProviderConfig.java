package dev.canary.spi;

import dev.canary.spec.Redaction;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * String settings for a provider factory ({@code address}, {@code token}, {@code timeout}, ...). Values of
 * keys that look secret ({@code token}, {@code password}, {@code secret}, {@code key}, {@code authorization},
 * {@code cookie}: see {@link Redaction#isSecretKey}) and of every header ({@code header.} keys) never appear in
 * {@link #toString()}.
 */
public final class ProviderConfig {
    /** No settings. */
    public static final ProviderConfig EMPTY = new ProviderConfig(Map.of());

    private final Map<String, String> settings;

    private ProviderConfig(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    public static ProviderConfig of(Map<String, String> settings) {
        return new ProviderConfig(settings);
    }

    public Map<String, String> settings() {
        return settings;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public String get(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
    }

    /**
     * A duration in Flagger's format ({@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h30m}) or ISO-8601.
     *
     * @throws IllegalArgumentException naming the key when the value cannot be parsed
     */
    public Duration duration(String key, Duration defaultValue) {
        String value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** Whether the value of {@code key} is never shown: a secret-looking key, or any {@code header.} value. */
    public static boolean isHidden(String key) {
        return key.startsWith("header.") || key.contains(".header.") || Redaction.isSecretKey(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderConfig other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((k, v) -> shown.put(k, isHidden(k) ? Redaction.MASK : v));
        return "ProviderConfig" + shown;
    }
}
