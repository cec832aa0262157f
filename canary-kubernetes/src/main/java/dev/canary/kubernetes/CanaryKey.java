package dev.canary.kubernetes;

/** A run key, {@code namespace/name}, split into its parts. */
record CanaryKey(String namespace, String name) {

    /**
     * @throws IllegalArgumentException when {@code key} is not {@code namespace/name}
     */
    static CanaryKey parse(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1 || key.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("run key must be namespace/name (such as demo/podinfo) but was '"
                    + key + "'");
        }
        return new CanaryKey(key.substring(0, slash), key.substring(slash + 1));
    }
}
