package dev.canary.manifest;

import dev.canary.spec.MetricTemplate;
import dev.canary.spec.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How manifests are read: safety limits, Flagger's interval floor, a router override and resolvers for
 * references to objects outside the input. Immutable and thread-safe; {@link #ofDefaults()} suits most uses.
 *
 * <p>References: a metric's {@code templateRef} and an alert's {@code providerRef} must name an object in the
 * same input, or one the resolver returns; otherwise loading fails naming the reference. The resolvers
 * receive the reference with its namespace filled in (the canary's namespace when the manifest leaves it out).
 */
public final class ManifestOptions {
    /**
     * Largest input read, in characters: 256 KiB. The YAML parser allocates 50 to 330 bytes per input byte, so
     * this keeps one load under 64 MB of allocation (docs/manifests.md has the measurements).
     */
    public static final int DEFAULT_MAX_INPUT_CHARS = 1 << 18;
    /** Deepest nesting of mappings and lists. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Most nodes YAML aliases may expand to, in the whole input (stops "billion laughs"). */
    public static final int DEFAULT_MAX_ALIAS_NODES = 10_000;
    /** Most values (mappings, lists and scalars) in one input: bounds the parser's memory for deep or dense input. */
    public static final int DEFAULT_MAX_NODES = 50_000;
    /** Flagger raises any shorter {@code analysis.interval} to 10 s. */
    public static final Duration DEFAULT_MINIMUM_INTERVAL = Duration.ofSeconds(10);

    private static final ManifestOptions DEFAULTS = builder().build();

    private final int maxInputChars;
    private final int maxDepth;
    private final int maxAliasNodes;
    private final int maxNodes;
    private final Duration minimumInterval;
    private final @Nullable String router;
    private final Function<ObjectRef, Optional<MetricTemplate>> templateResolver;
    private final Function<ObjectRef, Optional<AlertProviderResource>> alertProviderResolver;

    private ManifestOptions(Builder b) {
        this.maxInputChars = b.maxInputChars;
        this.maxDepth = b.maxDepth;
        this.maxAliasNodes = b.maxAliasNodes;
        this.maxNodes = b.maxNodes;
        this.minimumInterval = b.minimumInterval;
        this.router = b.router;
        this.templateResolver = b.templateResolver;
        this.alertProviderResolver = b.alertProviderResolver;
    }

    public static ManifestOptions ofDefaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxInputChars(maxInputChars).maxDepth(maxDepth).maxAliasNodes(maxAliasNodes)
                .maxNodes(maxNodes).minimumInterval(minimumInterval).router(router).templateResolver(templateResolver)
                .alertProviderResolver(alertProviderResolver);
    }

    public int maxInputChars() {
        return maxInputChars;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int maxAliasNodes() {
        return maxAliasNodes;
    }

    public int maxNodes() {
        return maxNodes;
    }

    public Duration minimumInterval() {
        return minimumInterval;
    }

    /** The router every canary is loaded for, instead of its {@code spec.provider}; empty: the manifest's. */
    public Optional<String> router() {
        return Optional.ofNullable(router);
    }

    public Function<ObjectRef, Optional<MetricTemplate>> templateResolver() {
        return templateResolver;
    }

    public Function<ObjectRef, Optional<AlertProviderResource>> alertProviderResolver() {
        return alertProviderResolver;
    }

    /** Builds {@link ManifestOptions}; not thread-safe. */
    public static final class Builder {
        private int maxInputChars = DEFAULT_MAX_INPUT_CHARS;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxAliasNodes = DEFAULT_MAX_ALIAS_NODES;
        private int maxNodes = DEFAULT_MAX_NODES;
        private Duration minimumInterval = DEFAULT_MINIMUM_INTERVAL;
        private @Nullable String router;
        private Function<ObjectRef, Optional<MetricTemplate>> templateResolver = ref -> Optional.empty();
        private Function<ObjectRef, Optional<AlertProviderResource>> alertProviderResolver = ref -> Optional.empty();

        private Builder() {
        }

        /** Largest input in characters, default {@link #DEFAULT_MAX_INPUT_CHARS}; larger input fails at once. */
        public Builder maxInputChars(int maxInputChars) {
            this.maxInputChars = maxInputChars;
            return this;
        }

        /** Deepest nesting, default {@link #DEFAULT_MAX_DEPTH}. */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        /** Most nodes aliases may expand to, default {@link #DEFAULT_MAX_ALIAS_NODES}; 0 forbids aliases. */
        public Builder maxAliasNodes(int maxAliasNodes) {
            this.maxAliasNodes = maxAliasNodes;
            return this;
        }

        /** Most values (mappings, lists, scalars) in one input, default {@link #DEFAULT_MAX_NODES}. */
        public Builder maxNodes(int maxNodes) {
            this.maxNodes = maxNodes;
            return this;
        }

        /**
         * Shorter {@code analysis.interval}s are raised to this, with a warning; default
         * {@link #DEFAULT_MINIMUM_INTERVAL} as in Flagger. Lower it (to at least 1 s) for fast demos and tests.
         */
        public Builder minimumInterval(Duration minimumInterval) {
            this.minimumInterval = Objects.requireNonNull(minimumInterval, "minimumInterval == null");
            return this;
        }

        /**
         * Loads every canary for this router (such as {@code traefik}) whatever its {@code spec.provider} says;
         * fields that router cannot honour are then errors. Null (default): each canary's own provider.
         */
        public Builder router(@Nullable String router) {
            this.router = router;
            return this;
        }

        /** Finds metric templates that are not in the input; default: none. */
        public Builder templateResolver(Function<ObjectRef, Optional<MetricTemplate>> resolver) {
            this.templateResolver = Objects.requireNonNull(resolver, "resolver == null");
            return this;
        }

        /** Finds alert providers that are not in the input; default: none. */
        public Builder alertProviderResolver(Function<ObjectRef, Optional<AlertProviderResource>> resolver) {
            this.alertProviderResolver = Objects.requireNonNull(resolver, "resolver == null");
            return this;
        }

        /** @throws IllegalArgumentException listing every setting out of range */
        public ManifestOptions build() {
            List<String> problems = new ArrayList<>();
            if (maxInputChars < 1 || maxInputChars > Integer.MAX_VALUE - 16) {
                problems.add("maxInputChars must be between 1 and " + (Integer.MAX_VALUE - 16) + " but was "
                        + maxInputChars);
            }
            if (maxDepth < 8 || maxDepth > 1000) {
                problems.add("maxDepth must be between 8 and 1000 but was " + maxDepth);
            }
            if (maxAliasNodes < 0) {
                problems.add("maxAliasNodes must be at least 0 but was " + maxAliasNodes);
            }
            if (maxNodes < 100) {
                problems.add("maxNodes must be at least 100 but was " + maxNodes);
            }
            if (minimumInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add("minimumInterval must be at least 1s but was " + minimumInterval);
            }
            if (router != null && router.isBlank()) {
                problems.add("router must not be blank; use null for each canary's own provider");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid manifest options: " + String.join("; ", problems));
            }
            return new ManifestOptions(this);
        }
    }
}
