package dev.canary.internal;

import dev.canary.ProviderNotFoundException;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks a provider factory: the one with the name asked for, else the one with the highest priority. A tie
 * at the top is warned about, naming every candidate. A plain function over the candidates, so tests need no
 * ServiceLoader.
 */
public final class ProviderSelector {
    private static final Logger logger = LoggerFactory.getLogger(ProviderSelector.class);

    private ProviderSelector() {
    }

    /** The factories of {@code type} registered in {@code META-INF/services}. */
    public static <F> List<F> discover(Class<F> type, ClassLoader loader) {
        List<F> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return found;
    }

    /**
     * Selects a factory.
     *
     * @param kind      what is selected, for messages ("traffic router")
     * @param candidates the factories found
     * @param name      the name asked for, or null for the highest priority
     * @param artifacts artifacts that provide this kind, for the message when none is found
     * @throws ProviderNotFoundException saying what to add or which names exist
     */
    public static <T, F extends ProviderFactory<T>> F select(String kind, List<F> candidates, @Nullable String name,
            String artifacts) {
        if (name != null) {
            return candidates.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ProviderNotFoundException("no " + kind + " named '" + name
                            + "' on the class path; available: " + names(candidates)
                            + (candidates.isEmpty() ? ". Add " + artifacts + " to your dependencies" : "")));
        }
        if (candidates.isEmpty()) {
            throw new ProviderNotFoundException("no " + kind + " found on the class path. Add " + artifacts
                    + " to your dependencies, or pass an instance to CanaryRun.builder()");
        }
        List<F> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.<F>comparingInt(ProviderFactory::priority).reversed()
                .thenComparing(ProviderFactory::name));
        F best = sorted.get(0);
        List<F> tied = sorted.stream().filter(f -> f.priority() == best.priority()).toList();
        if (tied.size() > 1) {
            logger.warn("several {} providers have priority {}: {}; using '{}'. Name one in CanaryRun.builder() "
                    + "or remove the dependencies you do not need", kind, best.priority(), names(tied), best.name());
        }
        return best;
    }

    /** Creates the provider, wrapping configuration errors with the factory's name. */
    public static <T> T create(String kind, ProviderFactory<T> factory, ProviderConfig config) {
        try {
            return factory.create(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + " '" + factory.name() + "': " + e.getMessage(), e);
        }
    }

    private static List<String> names(List<? extends ProviderFactory<?>> factories) {
        return factories.stream().map(f -> f.name() + " (" + f.getClass().getName() + ", priority " + f.priority()
                + ")").toList();
    }
}
