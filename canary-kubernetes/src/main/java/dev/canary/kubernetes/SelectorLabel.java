package dev.canary.kubernetes;

import dev.canary.ProviderException;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;

/**
 * The label that tells primary pods from canary pods: the first of the candidate keys present in the target's
 * {@code spec.selector.matchLabels}. Primary pods carry it with {@link #primaryValue()}.
 *
 * @param key   the label key, such as {@code app}
 * @param value the target's value, such as {@code podinfo}
 */
record SelectorLabel(String key, String value) {

    /**
     * @throws ProviderException naming the candidates when the target's selector has none of them
     */
    static SelectorLabel of(Deployment target, List<String> candidates) {
        LabelSelector selector = target.getSpec().getSelector();
        Map<String, String> matchLabels = selector != null && selector.getMatchLabels() != null
                ? selector.getMatchLabels() : Map.of();
        for (String candidate : candidates) {
            String value = matchLabels.get(candidate);
            if (value != null) {
                return new SelectorLabel(candidate, value);
            }
        }
        throw new ProviderException(Names.PROVIDER, "deployment " + target.getMetadata().getName()
                + ": spec.selector.matchLabels " + matchLabels + " has none of the labels " + candidates
                + "; add one of them (the primary and the services select pods by it) or configure selectorLabels");
    }

    /** The value primary pods carry: {@code value-primary}. */
    String primaryValue() {
        return Names.primary(value);
    }

    /** {@code key: value}. */
    Map<String, String> canarySelector() {
        return Map.of(key, value);
    }

    /** {@code key: value-primary}. */
    Map<String, String> primarySelector() {
        return Map.of(key, primaryValue());
    }
}
