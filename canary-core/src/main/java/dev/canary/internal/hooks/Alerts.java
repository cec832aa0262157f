package dev.canary.internal.hooks;

import dev.canary.Alert;
import dev.canary.AlertProvider;
import dev.canary.CanaryEvent;
import dev.canary.engine.RunState;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Redaction;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the alerts of a run to the providers its spec subscribes ({@link AlertSpec}: provider name and minimum
 * severity); a spec without alerts sends everything to every registered provider, like Flagger's global
 * notifier. Delivery is asynchronous through the {@link Dispatcher}; failures are logged. Thread-safe.
 */
final class Alerts {
    private static final Logger logger = LoggerFactory.getLogger(Alerts.class);

    private final Map<String, AlertProvider> providers;
    private final Dispatcher dispatcher;
    private final AlertRules rules = new AlertRules();

    Alerts(Map<String, AlertProvider> providers, Dispatcher dispatcher) {
        this.providers = Map.copyOf(providers);
        this.dispatcher = dispatcher;
    }

    void publish(CanarySpec spec, RunState state, CanaryEvent event) {
        rules.on(spec, state, event).forEach(alert -> send(spec, alert));
    }

    void preRolloutFailed(CanarySpec spec, RunState state, Instant at, String detail) {
        send(spec, rules.preRolloutFailed(spec, state, at, detail));
    }

    void reset() {
        rules.reset();
    }

    private void send(CanarySpec spec, Alert alert) {
        if (spec.analysis().alerts().isEmpty()) {
            providers.forEach((name, provider) -> deliver(name, provider, alert));
            return;
        }
        for (AlertSpec subscription : spec.analysis().alerts()) {
            AlertProvider provider = providers.get(subscription.providerRef().name());
            if (provider != null && subscription.severity().accepts(alert.severity())) {
                deliver(subscription.name(), provider, alert);
            }
        }
    }

    private void deliver(String name, AlertProvider provider, Alert alert) {
        dispatcher.submit("alert '" + name + "' to " + provider, () -> {
            try {
                provider.send(alert);
            } catch (IOException e) {
                logger.warn("alert '{}' ({} {}) not delivered: {}", Redaction.oneLine(name), alert.severity(),
                        Redaction.logged(alert.title()), Redaction.logged(e.getMessage()));
            }
        });
    }
}
