package dev.canary.internal;

/**
 * Whether a provider overrides the asynchronous variant of an SPI method. When it does not, the runner calls the
 * blocking method through {@link Calls#blocking} (bounded pool, busy guard) rather than the default, which would
 * take a pool thread without those guards.
 */
final class Overrides {
    private Overrides() {
    }

    static boolean overrides(Object provider, Class<?> spi, String method, Class<?>... parameters) {
        try {
            return provider.getClass().getMethod(method, parameters).getDeclaringClass() != spi;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
