package dev.canary.spi;

/**
 * Creates providers of one kind; registered in {@code META-INF/services/<factory interface>} and found
 * through {@link java.util.ServiceLoader}.
 *
 * <p>When a run is built without an instance or a name, the factory with the highest {@link #priority()}
 * is used; a tie is reported with a warning naming every candidate.
 *
 * @param <T> the provider type
 */
public interface ProviderFactory<T> {
    /** The name users select this factory by, such as {@code traefik} or {@code prometheus}. */
    String name();

    /** Higher wins when no name is given. Default 0; a fallback implementation returns a negative value. */
    default int priority() {
        return 0;
    }

    /**
     * Creates a provider.
     *
     * @throws IllegalArgumentException naming the setting when the configuration is invalid
     */
    T create(ProviderConfig config);
}
