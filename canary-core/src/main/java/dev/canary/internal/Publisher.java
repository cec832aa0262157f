package dev.canary.internal;

import dev.canary.CanaryEvent;
import dev.canary.engine.RunState;
import dev.canary.CanaryListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the listeners, one event at a time and in order, each call bounded by the call deadline,
 * and to the hooks (which queue deliveries in the background). Failures are logged, never propagated.
 */
final class Publisher {
    private static final Logger logger = LoggerFactory.getLogger(Publisher.class);

    private final RunContext context;
    private final Calls calls;
    private final Duration budget;

    Publisher(RunContext context, Calls calls, Duration budget) {
        this.context = context;
        this.calls = calls;
        this.budget = budget;
    }

    CompletableFuture<Void> publishAll(RunState state, List<CanaryEvent> events) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (CanaryEvent event : events) {
            chain = chain.thenCompose(ignored -> publish(state, event));
        }
        return chain;
    }

    CompletableFuture<Void> publish(RunState state, CanaryEvent event) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        List<CanaryListener> listeners = context.listeners();
        for (int i = 0; i < listeners.size(); i++) {
            CanaryListener listener = listeners.get(i);
            String what = "listener " + (i + 1) + " (" + listener.getClass().getName() + ")";
            chain = chain.thenCompose(ignored -> calls.blocking(what, context.clock().instant().plus(budget), () -> {
                listener.onEvent(event);
                return null;
            }).handle((ok, failure) -> {
                if (failure != null) {
                    logger.warn("canary {}: {} failed on '{}': {}", event.canary(), what, dev.canary.spec.Redaction
                            .logged(event.message()), dev.canary.spec.Redaction.logged(Calls.unwrap(failure)));
                }
                return null;
            }));
        }
        if (event instanceof CanaryEvent.Ticked) {
            return chain;
        }
        return chain.thenRun(() -> {
            try {
                context.hooks().publish(context.spec(), state, event);
            } catch (Throwable e) {
                logger.warn("canary {}: hooks failed on '{}': {}", event.canary(), dev.canary.spec.Redaction.logged(
                        event.message()), dev.canary.spec.Redaction.logged(e));
            }
        });
    }
}
