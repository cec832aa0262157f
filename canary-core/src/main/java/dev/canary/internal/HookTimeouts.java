package dev.canary.internal;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.WebhookSpec;
import dev.canary.spi.Durations;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps webhook timeouts at the analysis interval when a run is built: a hook is answered within one tick, so a
 * longer timeout could never be waited for. Each capped webhook is a warning naming it, the timeout given and the
 * cap. (A timeout above {@link WebhookSpec#MAX_TIMEOUT} is refused earlier, when the spec is built.) Stateless.
 */
public final class HookTimeouts {
    private static final Logger logger = LoggerFactory.getLogger(HookTimeouts.class);

    private HookTimeouts() {
    }

    /** {@code spec} with every webhook timeout longer than its analysis interval set to the interval. */
    public static CanarySpec capped(CanarySpec spec) {
        Duration interval = spec.analysis().interval();
        List<WebhookSpec> webhooks = spec.analysis().webhooks();
        if (webhooks.stream().noneMatch(w -> w.timeout().compareTo(interval) > 0)) {
            return spec;
        }
        List<WebhookSpec> capped = webhooks.stream().map(w -> {
            if (w.timeout().compareTo(interval) <= 0) {
                return w;
            }
            logger.warn("canary {}: webhook {} has timeout {}, longer than analysis.interval; capped to {}",
                    spec.key(), w.name(), Durations.format(w.timeout()), Durations.format(interval));
            return w.toBuilder().timeout(interval).build();
        }).toList();
        return spec.toBuilder().analysis(spec.analysis().toBuilder().webhooks(capped).build()).build();
    }
}
